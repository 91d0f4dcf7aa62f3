// The lenient readings of 1C's scalar text.
#include <boost/test/unit_test.hpp>

#include "adapters/onec/commerceml/text_values.h"

using namespace crmsync::commerceml;

BOOST_AUTO_TEST_SUITE(commerceml_text_values)

BOOST_AUTO_TEST_CASE(decimals_lose_1c_grouping_and_take_a_lone_comma_as_separator) {
    BOOST_TEST(normalizeDecimal("1 234,50") == "1234.50");
    BOOST_TEST(normalizeDecimal("1\xC2\xA0"
                                "234,5") == "1234.5");  // no-break space
    BOOST_TEST(normalizeDecimal("296.40") == "296.40");
    BOOST_TEST(normalizeDecimal("-12,5") == "-12.5");
    BOOST_TEST(normalizeDecimal("0") == "0");
}

BOOST_AUTO_TEST_CASE(what_is_still_no_decimal_comes_back_unchanged) {
    for (const char* text : {"1,234.50", "12,5,3", "abc", "1e3", "", "по запросу"}) {
        BOOST_TEST(normalizeDecimal(text) == text, text);
    }
}

BOOST_AUTO_TEST_CASE(dates_are_padded_and_empty_dates_are_absent) {
    BOOST_TEST(*normalizeDateTime("2014-06-01T0:36:33") == "2014-06-01T00:36:33");
    BOOST_TEST(*normalizeDateTime(" 2017-08-01 ") == "2017-08-01T00:00:00");
    BOOST_TEST(*normalizeDateTime("2017-08-01T") == "2017-08-01T00:00:00");
    BOOST_TEST(*normalizeDateTime("2007-10-30 15:19:27") == "2007-10-30T15:19:27");
    BOOST_TEST(*normalizeDateTime("2024-03-04T9:41") == "2024-03-04T09:41:00");
    BOOST_TEST(*normalizeDateTime("2024-03-04T09:41:07.123") == "2024-03-04T09:41:07");
    for (const char* empty : {"", "T", " T ", "0001-01-01T00:00:00"}) {
        BOOST_TEST(!normalizeDateTime(empty).has_value(), empty);
    }
    for (const char* bad : {"30.10.2007", "2024-13-01", "2024-03-04T25:00:00", "вчера"}) {
        BOOST_TEST(*normalizeDateTime(bad) == bad, bad);
    }
}

BOOST_AUTO_TEST_CASE(booleans_read_1c_and_russian_words) {
    for (const char* yes : {"true", "TRUE", "True", "1", "Да", "да"}) {
        BOOST_TEST(*normalizeBoolean(yes) == "true", yes);
    }
    for (const char* no : {"false", "FALSE", "0", "Нет", " нет "}) {
        BOOST_TEST(*normalizeBoolean(no) == "false", no);
    }
    BOOST_TEST(!normalizeBoolean(" ").has_value());
    BOOST_TEST(*normalizeBoolean("возможно") == "возможно");
}

BOOST_AUTO_TEST_SUITE_END()
