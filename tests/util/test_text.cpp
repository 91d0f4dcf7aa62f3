#include <boost/test/unit_test.hpp>

#include "util/text.h"

using namespace crmsync::util;

BOOST_AUTO_TEST_SUITE(ascii_text)

BOOST_AUTO_TEST_CASE(trimming_takes_ascii_blanks_only) {
    BOOST_TEST(trimmed("  796 \t\r\n") == "796");
    BOOST_TEST(trimmed("   ") == "");
    BOOST_TEST(trimmed("") == "");
    BOOST_TEST(trimmed(" a b ") == "a b");
    // A no-break space is not trimmed: decimals handle it where 1C writes it.
    BOOST_TEST(trimmed("\xC2\xA0" "7") == "\xC2\xA0" "7");
    BOOST_TEST(trimmed("\v7\f") == "\v7\f");
}

BOOST_AUTO_TEST_CASE(lower_casing_leaves_everything_but_ascii_letters_alone) {
    BOOST_TEST(asciiLower("IMPORT_0_1.XML") == "import_0_1.xml");
    BOOST_TEST(asciiLower("Товары.XML") == "Товары.xml");
    BOOST_TEST(equalsIgnoringAsciiCase("TRUE", "true"));
    BOOST_TEST(equalsIgnoringAsciiCase("true", "TrUe"));
    BOOST_TEST(!equalsIgnoringAsciiCase("true", "tru"));
    BOOST_TEST(!equalsIgnoringAsciiCase("Да", "ДА"));
}

BOOST_AUTO_TEST_CASE(extension_is_compared_in_any_ascii_case) {
    BOOST_TEST(hasExtension("import.xml", ".xml"));
    BOOST_TEST(hasExtension("goods/1/IMPORT.XML", ".xml"));
    BOOST_TEST(hasExtension("v8_exchange.Zip", ".zip"));
    BOOST_TEST(!hasExtension("import.xml.part", ".xml"));
    BOOST_TEST(!hasExtension("xml", ".xml"));
    BOOST_TEST(!hasExtension(".xml", ".xml"));  // a dot file has no extension
}

BOOST_AUTO_TEST_CASE(digits_are_read_up_to_the_limit) {
    std::size_t pos = 0;
    int value = -1;
    BOOST_TEST(readDigits("2024-05", pos, 4, value));
    BOOST_TEST(value == 2024);
    BOOST_TEST(pos == 4u);
    pos = 0;
    BOOST_TEST(readDigits("123", pos, 2, value));
    BOOST_TEST(value == 12);
    BOOST_TEST(pos == 2u);
    BOOST_TEST(!readDigits("123", pos = 3, 2, value));
    pos = 0;
    BOOST_TEST(!readDigits("-1", pos, 2, value));
    BOOST_TEST(pos == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
