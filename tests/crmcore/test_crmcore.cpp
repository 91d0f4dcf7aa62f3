#define BOOST_TEST_MODULE crmcore
#include <boost/test/unit_test.hpp>

#include "crmcore/decimal.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/record_codec.h"

using crmsync::core::Decimal;
namespace core = crmsync::core;

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_what_1c_writes_and_prints_canonically) {
    BOOST_TEST(Decimal::parse("296.40")->toString() == "296.4");
    BOOST_TEST(Decimal::parse(" 181 ")->toString() == "181");
    BOOST_TEST(Decimal::parse("-0.000")->toString() == "0");
    BOOST_TEST(Decimal::parse("0.05")->toString() == "0.05");
    BOOST_TEST(Decimal::parse("+12")->toString() == "12");
    BOOST_TEST(Decimal::parse("123456789012345678.123456789012345678")->toString() ==
               "123456789012345678.123456789012345678");
}

BOOST_AUTO_TEST_CASE(refuses_comma_exponent_separators_and_garbage) {
    for (const char* bad : {"12,5", "1e3", "1 000", "", "-", ".", "1.2.3", "abc", "0x10",
                            "1.1234567890123456789"}) {
        BOOST_TEST(!Decimal::parse(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(adds_and_multiplies_exactly) {
    auto a = *Decimal::parse("0.1");
    auto b = *Decimal::parse("0.2");
    BOOST_TEST((a + b).toString() == "0.3");
    BOOST_TEST((a + b == *Decimal::parse("0.30")));
    BOOST_TEST((*Decimal::parse("296.4") * *Decimal::parse("3")).toString() == "889.2");
    BOOST_TEST((*Decimal::parse("10") - *Decimal::parse("10.01")).toString() == "-0.01");
    BOOST_TEST((a < b));
}

BOOST_AUTO_TEST_CASE(rounds_half_away_from_zero_to_a_fixed_scale) {
    BOOST_TEST(Decimal::parse("2.345")->toString(2) == "2.35");
    BOOST_TEST(Decimal::parse("-2.345")->toString(2) == "-2.35");
    BOOST_TEST(Decimal::parse("7")->toString(2) == "7.00");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(record_codec)

BOOST_AUTO_TEST_CASE(round_trips_every_value_kind) {
    core::Record r;
    r.entity = "product";
    r.key = "a#b";
    r.source_version = "AAAAAQ==";
    r.origin = {"import.xml", 4242};
    r.fields = {{"name", "Стол"},
                {"price", *Decimal::parse("1.5")},
                {"deleted", true},
                {"n", std::int64_t{-7}},
                {"none", core::Value{}},
                {"at", core::DateTime{"2026-11-22T10:00:00"}},
                {"list", core::List{core::Value("x"), core::Value(core::Nested{{"id", "1"}})}}};
    std::string bytes;
    core::encodeRecord(r, bytes);
    std::string_view in(bytes);
    BOOST_TEST((core::decodeRecord(in) == r));
    BOOST_TEST(in.empty());
}

BOOST_AUTO_TEST_CASE(content_hash_ignores_origin_but_not_values) {
    core::Record a;
    a.entity = "product";
    a.key = "k";
    a.fields = {{"name", "x"}};
    core::Record b = a;
    b.origin = {"other.xml", 9};
    BOOST_TEST(core::contentHash(a) == core::contentHash(b));
    b.fields[0].value = core::Value("y");
    BOOST_TEST(core::contentHash(a) != core::contentHash(b));
    BOOST_TEST(core::contentHash(a).size() == 16u);
}

BOOST_AUTO_TEST_CASE(truncated_bytes_are_an_error_not_a_crash) {
    core::Record r;
    r.entity = "product";
    r.key = "k";
    r.fields = {{"name", "long enough value"}};
    std::string bytes;
    core::encodeRecord(r, bytes);
    std::string_view in(bytes.data(), bytes.size() / 2);
    BOOST_CHECK_THROW(core::decodeRecord(in), crmsync::Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(entity_catalog)

BOOST_AUTO_TEST_CASE(names_the_valid_entities_for_an_unknown_one) {
    BOOST_CHECK_EXCEPTION(core::entitySpec("products"), crmsync::Error, [](const auto& e) {
        return std::string(e.what()).rfind("unknown entity 'products' (valid: product_group, unit,",
                                           0) == 0;
    });
    BOOST_TEST(core::entitySpec("order").table == "sales_order");
    for (const auto& spec : core::entityCatalog()) {
        for (const auto& column : spec.columns) {
            if (column.type == core::ColumnType::Reference) {
                BOOST_TEST(core::findEntitySpec(column.references) != nullptr, column.references);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
