#include <boost/test/unit_test.hpp>

#include "crmcore/json_reader.h"

namespace core = crmsync::core;

BOOST_AUTO_TEST_SUITE(json_reader)

BOOST_AUTO_TEST_CASE(reads_back_what_to_json_writes) {
    core::Value value(core::Nested{
        {"weight", *core::Decimal::parse("0.5")},
        {"group", std::int64_t{-9}},
        {"ok", true},
        {"none", core::Value()},
        {"name", "Стол \"Дуб\"\n\\"},
        {"tags", core::List{"a", std::int64_t{1}, core::Nested{{"x", false}}}}});
    auto read = core::parseJson(core::toJson(value));
    BOOST_REQUIRE(read.has_value());
    // A decimal travels as a string (so no reader turns it into a float) and comes back as one.
    core::Value expected(core::Nested{
        {"weight", "0.5"},
        {"group", std::int64_t{-9}},
        {"ok", true},
        {"none", core::Value()},
        {"name", "Стол \"Дуб\"\n\\"},
        {"tags", core::List{"a", std::int64_t{1}, core::Nested{{"x", false}}}}});
    BOOST_TEST((*read == expected));
}

BOOST_AUTO_TEST_CASE(numbers_are_exact_and_escapes_become_utf8) {
    BOOST_TEST((*core::parseJson(" 12.50 ") == core::Value(*core::Decimal::parse("12.50"))));
    BOOST_TEST((*core::parseJson("99999999999999999999") ==
                core::Value(*core::Decimal::parse("99999999999999999999"))));
    BOOST_TEST((*core::parseJson(R"("\u0414\u0430 \ud83d\ude00")") ==
                core::Value("Да \xF0\x9F\x98\x80")));
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_one_json_value) {
    for (const char* bad : {"", "{", "{\"a\" 1}", "[1,]", "1e5", "\"\\x\"", "tru", "{} {}",
                            "\"\\ud83d\\u0041\""}) {
        BOOST_TEST(!core::parseJson(bad).has_value(), bad);
    }
    BOOST_TEST(!core::parseJson(std::string(100, '[') + std::string(100, ']')).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
