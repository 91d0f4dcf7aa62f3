#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>

#include "mapping/mapping_file.h"
#include "mapping/reverse_mapper.h"
#include "tests/mapping/mapping_test_helpers.h"

namespace core = crmsync::core;
namespace mapping = crmsync::mapping;

namespace {

const mapping::Mapping& odataUt11() {
    static const mapping::Mapping m = mapping::requireMappingFile(
        std::filesystem::path(CRMSYNC_SOURCE_DIR) / "config" / "mappings" / "odata-ut11.xml");
    return m;
}

class MapKeys : public mapping::KeyResolver {
public:
    std::map<std::pair<std::string, std::int64_t>, std::string> keys;
    std::optional<std::string> onecKey(const std::string& entity, std::int64_t crm_id) override {
        auto it = keys.find({entity, crm_id});
        if (it == keys.end()) {
            return std::nullopt;
        }
        return it->second;
    }
};

// A row as readRow gives it: every column of the entity (NULL unless given), then "active".
core::Row crmRow(const std::string& entity, std::map<std::string, std::string> values) {
    core::Row row;
    for (const auto& column : core::entitySpec(entity).columns) {
        auto it = values.find(column.name);
        row.push_back({column.name, it == values.end() ? std::nullopt
                                                       : std::optional<std::string>(it->second)});
    }
    row.push_back({"active", "1"});
    return row;
}

std::vector<core::Field> reverse(const std::string& entity, const core::Row& row, MapKeys& keys,
                                 const mapping::Mapping& m = odataUt11()) {
    auto mapped = mapping::mapReverse(*m.find(entity), row, keys);
    BOOST_REQUIRE_MESSAGE(mapped.ok(), (mapped.ok() ? "" : mapped.error().describe()));
    return mapped.value();
}

std::string reverseError(const std::string& entity, const core::Row& row, MapKeys& keys,
                         const mapping::Mapping& m = odataUt11()) {
    auto mapped = mapping::mapReverse(*m.find(entity), row, keys);
    return mapped.ok() ? "(no error)" : mapped.error().describe();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reverse_mapper)

BOOST_AUTO_TEST_CASE(a_counterparty_goes_back_through_its_reverse_rules_in_rule_order) {
    MapKeys keys;
    auto fields = reverse("counterparty",
                          crmRow("counterparty", {{"name", "Ромашка"},
                                                  {"kind", "company"},
                                                  {"inn", "7701234567"},
                                                  {"kpp", "770101001"},
                                                  {"address", "Москва"}}),
                          keys);
    std::vector<core::Field> expected = {{"Description", "Ромашка"},
                                         {"НаименованиеПолное", core::Value()},
                                         {"ЮрФизЛицо", "ЮрЛицо"},
                                         {"ИНН", "7701234567"},
                                         {"КПП", "770101001"}};
    BOOST_TEST((fields == expected));
}

BOOST_AUTO_TEST_CASE(an_order_sends_only_fields_that_go_to_1c_with_the_counterparty_key) {
    MapKeys keys;
    keys.keys[{"counterparty", 5}] = "c0ffee00-0000-0000-0000-000000000005";
    auto fields = reverse("order",
                          crmRow("order", {{"onec_number", "УТ-0001"},
                                           {"ordered_at", "2024-05-01T10:30:00"},
                                           {"posted", "1"},
                                           {"counterparty_id", "5"},
                                           {"amount", "1500.5"},
                                           {"status", "Новый"}}),
                          keys);
    std::vector<core::Field> expected = {
        {"Date", core::DateTime{"2024-05-01T10:30:00"}},
        {"Контрагент_Key", "c0ffee00-0000-0000-0000-000000000005"}};
    BOOST_TEST((fields == expected));
}

BOOST_AUTO_TEST_CASE(order_lines_are_typed_from_their_columns) {
    MapKeys keys;
    keys.keys[{"product", 9}] = "p-9";
    auto fields = reverse("order_line",
                          crmRow("order_line", {{"order_id", "1"},
                                                {"line_no", "3"},
                                                {"product_id", "9"},
                                                {"quantity", "2.5"},
                                                {"price", "100"},
                                                {"amount", "250"}}),
                          keys);
    std::vector<core::Field> expected = {{"LineNumber", std::int64_t{3}},
                                         {"Номенклатура_Key", "p-9"},
                                         {"Количество", *core::Decimal::parse("2.5")},
                                         {"Цена", *core::Decimal::parse("100")},
                                         {"Сумма", *core::Decimal::parse("250")}};
    BOOST_TEST((fields == expected));
}

BOOST_AUTO_TEST_CASE(a_null_reference_stays_null_and_needs_no_key) {
    MapKeys keys;
    auto fields = reverse("order", crmRow("order", {{"ordered_at", "2024-05-01T10:30:00"}}), keys);
    BOOST_REQUIRE(fields.size() == 2u);
    BOOST_TEST(fields[1].name == "Контрагент_Key");
    BOOST_TEST(fields[1].value.isNull());
}

BOOST_AUTO_TEST_CASE(a_row_never_exchanged_is_an_error_naming_the_field) {
    MapKeys keys;
    BOOST_TEST(reverseError("order", crmRow("order", {{"counterparty_id", "5"}}), keys) ==
               "counterparty_id: counterparty id 5 has no 1C key (never exchanged with 1C), so "
               "Контрагент_Key cannot be filled");
}

BOOST_AUTO_TEST_CASE(a_reverse_step_that_refuses_the_value_names_the_field) {
    MapKeys keys;
    std::string error =
        reverseError("counterparty", crmRow("counterparty", {{"kind", "partnership"}}), keys);
    BOOST_TEST(error.rfind("kind: ", 0) == 0, error);
    BOOST_TEST(error.find("partnership") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(booleans_integers_and_attributes_from_an_admin_mapping) {
    auto m = crmsync::test::productMapping(
        "<field source=\"deleted\" target=\"deletion_mark\" direction=\"both\">"
        "<reverse target=\"DeletionMark\"/></field>"
        "<field source=\"Артикул\" target=\"attributes.code\" direction=\"to-1c\">"
        "<reverse target=\"Code\"><trim/></reverse></field>"
        "<field source=\"group\" target=\"attributes.group\" direction=\"both\">"
        "<reference entity=\"product\"/><reverse target=\"Parent_Key\">"
        "<reference entity=\"product\"/></reverse></field>"
        "<field source=\"requisites/Вес\" target=\"attributes.weight\" direction=\"both\">"
        "<reverse target=\"Вес\"/></field>");
    MapKeys keys;
    keys.keys[{"product", 12}] = "g-12";
    auto fields = reverse(
        "product",
        crmRow("product", {{"deletion_mark", "1"},
                           {"attributes", R"({"code":" 00042 ","group":12,"weight":"0.5"})"}}),
        keys, m);
    std::vector<core::Field> expected = {
        {"DeletionMark", true}, {"Code", "00042"}, {"Parent_Key", "g-12"}, {"Вес", "0.5"}};
    BOOST_TEST((fields == expected));

    auto empty = reverse("product", crmRow("product", {{"deletion_mark", "0"}}), keys, m);
    BOOST_TEST((empty[0].value == core::Value(false)));
    BOOST_TEST(empty[1].value.isNull());  // no attributes column at all
    BOOST_TEST(empty[2].value.isNull());
}

BOOST_AUTO_TEST_CASE(the_odata_sample_names_where_the_crm_id_is_kept_in_1c) {
    BOOST_TEST(odataUt11().find("counterparty")->onec.crm_id_property == "Комментарий");
    BOOST_TEST(odataUt11().find("order")->onec.crm_id_property == "Комментарий");
    BOOST_TEST(odataUt11().find("product")->onec.crm_id_property == "");
}

BOOST_AUTO_TEST_SUITE_END()
