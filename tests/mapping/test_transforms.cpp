#include <boost/test/unit_test.hpp>

#include "crmcore/entity_catalog.h"
#include "mapping/datetime_format.h"
#include "tests/mapping/mapping_test_helpers.h"

namespace core = crmsync::core;
namespace mapping = crmsync::mapping;
using crmsync::test::MapResolver;
using crmsync::test::productMapping;

namespace {

core::Record product(core::Nested fields) {
    core::Record r;
    r.entity = "product";
    r.key = "p1";
    r.fields = std::move(fields);
    return r;
}

// Maps `record` through a product mapping of one field and returns that column's text, or the
// error as "error: ...".
std::string mapped(const std::string& field, const core::Record& record,
                   const std::string& value_maps = "") {
    auto m = productMapping(field, value_maps);
    MapResolver resolver;
    resolver.ids = {{"product_group/g1", 7}};
    auto row = mapping::mapForward(*m.find("product"), record, resolver);
    if (!row.ok()) {
        return "error: " + row.error().describe();
    }
    if (row.value().empty()) {
        return "(absent)";
    }
    const auto& text = row.value().front().text;
    return text ? *text : "(null)";
}

std::string one(const std::string& steps, const std::string& value,
                const std::string& target = "description") {
    return mapped("<field source=\"Описание\" target=\"" + target + "\">" + steps + "</field>",
                  product({{"description", value}}));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(transforms)

BOOST_AUTO_TEST_CASE(trim_and_case_handle_cyrillic) {
    BOOST_TEST(one("<trim/>", "  Стол  ") == "Стол");
    BOOST_TEST(one("<upper/>", "стол ёлка abc") == "СТОЛ ЁЛКА ABC");
    BOOST_TEST(one("<lower/>", "СТОЛ ЁЛКА ABC") == "стол ёлка abc");
}

BOOST_AUTO_TEST_CASE(replace_and_regex_extract) {
    BOOST_TEST(one("<replace from=\",\" to=\".\"/>", "1,5,6") == "1.5.6");
    BOOST_TEST(one("<regex-extract pattern=\"([0-9]+) кг\" group=\"1\"/>", "вес 12 кг") == "12");
    BOOST_TEST(one("<regex-extract pattern=\"[0-9]+\"/>", "без цифр") == "(null)");
}

BOOST_AUTO_TEST_CASE(decimal_with_scale_rounds_and_refuses_garbage) {
    BOOST_TEST(one("<decimal scale=\"2\"/>", "12.345") == "12.35");
    BOOST_TEST(one("<decimal scale=\"0\"/>", "-2.5") == "-3");
    BOOST_TEST(one("<decimal/>", " 100.50 ") == "100.5");
    BOOST_TEST(one("<decimal scale=\"2\"/>", "12,5x") ==
               "error: description: invalid decimal '12,5x' (expected digits with '.' as the "
               "separator)");
    BOOST_TEST(one("<replace from=\",\" to=\".\"/><decimal scale=\"1\"/>", "12,55") == "12.6");
}

BOOST_AUTO_TEST_CASE(integer_and_boolean) {
    BOOST_TEST(one("<integer/>", " 42 ") == "42");
    BOOST_TEST(one("<integer/>", "4.2") == "error: description: invalid integer '4.2'");
    BOOST_TEST(one("<boolean/>", "Да", "deletion_mark") == "1");
    BOOST_TEST(one("<boolean true=\"Y\" false=\"N\"/>", "n", "deletion_mark") == "0");
    BOOST_TEST(one("<boolean/>", "может быть", "deletion_mark") ==
               "error: description: invalid boolean 'может быть' (expected true|1|да or "
               "false|0|нет)");
}

BOOST_AUTO_TEST_CASE(datetime_with_format_and_zone) {
    BOOST_TEST(one("<datetime format=\"%d.%m.%Y %H:%M:%S\"/>", "30.10.2007 9:05:00") ==
               "2007-10-30T09:05:00");
    // Moscow (+03:00) 01:30 on 1 January is 22:30 UTC on the last day of the year before.
    BOOST_TEST(one("<datetime format=\"%d.%m.%Y %H:%M\" zone=\"+03:00\"/>", "01.01.2024 01:30") ==
               "2023-12-31T22:30:00");
    BOOST_TEST(one("<datetime zone=\"-05:30\"/>", "2024-02-28T20:00:00") == "2024-02-29T01:30:00");
    BOOST_TEST(one("<datetime/>", "T") == "(null)");
    BOOST_TEST(one("<datetime format=\"%d.%m.%Y\"/>", "31.02.2024") ==
               "error: description: invalid date '31.02.2024' (expected the format %d.%m.%Y)");
    BOOST_TEST(mapping::parseUtcOffset("+0300").value() == 180);
    BOOST_TEST(!mapping::parseUtcOffset("Europe/Moscow").has_value());
}

BOOST_AUTO_TEST_CASE(concat_default_and_constant) {
    auto record = product({{"name", "Стол"}, {"article", "A-1"}, {"description", ""}});
    BOOST_TEST(mapped("<field target=\"full_name\"><concat separator=\" / \"><part source=\"Артикул\"/>"
                      "<part source=\"name\"/><part source=\"barcode\"/><part text=\"шт\"/></concat>"
                      "</field>",
                      record) == "A-1 / Стол / шт");
    BOOST_TEST(mapped("<field source=\"Описание\" target=\"description\"><default value=\"нет\"/>"
                      "</field>",
                      record) == "нет");
    // A default also fills a value the record does not carry at all.
    BOOST_TEST(mapped("<field source=\"Штрихкод\" target=\"barcode\"><default value=\"-\"/></field>",
                      record) == "-");
    BOOST_TEST(mapped("<field target=\"vat_rate\"><constant value=\"20\"/></field>", record) == "20");
}

BOOST_AUTO_TEST_CASE(value_maps_follow_their_unmapped_rule) {
    std::string maps =
        "<value-map name=\"vat\"><entry from=\"Без налога\" to=\"0\"/><entry from=\"НДС 20%\" "
        "to=\"20\"/></value-map>"
        "<value-map name=\"loose\" unmapped=\"keep\"><entry from=\"a\" to=\"b\"/></value-map>";
    auto rate = [&](const std::string& map, const std::string& value) {
        return mapped("<field source=\"vat_rate\" target=\"vat_rate\"><map name=\"" + map +
                          "\"/></field>",
                      product({{"vat_rate", value}}), maps);
    };
    BOOST_TEST(rate("vat", "Без налога") == "0");
    BOOST_TEST(rate("vat", "НДС 20%") == "20");
    BOOST_TEST(rate("vat", "18") == "error: vat_rate: value '18' is not in value-map 'vat'");
    BOOST_TEST(rate("loose", "18") == "18");
}

BOOST_AUTO_TEST_CASE(paths_reach_requisites_properties_and_characteristics) {
    core::Nested property;
    property.push_back({"id", "prop-color"});
    property.push_back({"value", "красный"});
    auto record = product({{"requisites", core::Nested{{"Вес", "0.5"}}},
                           {"properties", core::List{core::Value(property)}}});
    BOOST_TEST(mapped("<field source=\"ЗначенияРеквизитов/ЗначениеРеквизита[Наименование='Вес']/"
                      "Значение\" target=\"description\"/>",
                      record) == "0.5");
    BOOST_TEST(mapped("<field source=\"requisites/Вес\" target=\"description\"/>", record) == "0.5");
    BOOST_TEST(mapped("<field source=\"ЗначенияСвойств/ЗначенияСвойства[Ид='prop-color']/Значение\" "
                      "target=\"description\"/>",
                      record) == "красный");
    BOOST_TEST(mapped("<field source=\"requisites/Объём\" target=\"description\"/>", record) ==
               "(absent)");
}

BOOST_AUTO_TEST_CASE(attributes_targets_make_one_json_object) {
    auto m = productMapping(
        "<field source=\"requisites/Вес\" target=\"attributes.weight\"><decimal scale=\"3\"/></field>"
        "<field source=\"group\" target=\"attributes.group\"><reference entity=\"product\"/></field>"
        "<field source=\"requisites/Цвет\" target=\"attributes.color\"/>");
    MapResolver resolver;
    resolver.ids = {{"product/g1", 9}};
    auto record = product({{"requisites", core::Nested{{"Вес", "0.5"}, {"Цвет", ""}}},
                           {"group", "g1"}});
    auto row = mapping::mapForward(*m.find("product"), record, resolver);
    BOOST_REQUIRE(row.ok());
    core::Row expected = {{"attributes", R"({"weight":"0.5","group":9,"color":null})"}};
    BOOST_TEST((row.value() == expected));
}

BOOST_AUTO_TEST_SUITE_END()
