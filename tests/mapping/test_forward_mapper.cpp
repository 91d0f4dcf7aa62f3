#include <boost/test/unit_test.hpp>

#include "crmcore/entity_catalog.h"
#include "mapping/entity_mapping.h"
#include "mapping/forward_mapper.h"
#include "mapping/value_conversion.h"
#include "tests/mapping/mapping_test_helpers.h"

namespace core = crmsync::core;
namespace mapping = crmsync::mapping;
using crmsync::test::MapResolver;

namespace {

core::Result<core::Row> mapRecord(const core::Record& record, MapResolver& resolver) {
    const auto& m = mapping::builtinCommerceMlMapping();
    return mapping::mapForward(*m.find(record.entity), record, resolver);
}

// The field table that was compiled into crmsync before mappings became files (source field,
// CRM column, required), and its evaluation: the shipped commerceml-ut11.xml must give exactly
// the same rows.
struct OldRule {
    const char* source;
    const char* column;
    bool required;
};

const std::map<std::string, std::vector<OldRule>>& oldTable() {
    static const std::map<std::string, std::vector<OldRule>> table = {
        {"product_group", {{"name", "name", true}, {"parent", "parent_id", false}}},
        {"unit", {{"code", "code", false}, {"name", "name", false},
                  {"full_name", "full_name", false}, {"intl_abbr", "intl_abbr", false}}},
        {"property", {{"name", "name", false}, {"value_type", "value_type", false},
                      {"options", "options", false}}},
        {"product",
         {{"parent", "parent_id", false}, {"group", "group_id", false}, {"unit", "unit_id", false},
          {"article", "article", false}, {"barcode", "barcode", false}, {"name", "name", false},
          {"full_name", "full_name", false}, {"description", "description", false},
          {"vat_rate", "vat_rate", false}, {"properties", "properties", false},
          {"requisites", "requisites", false}, {"characteristics", "characteristics", false},
          {"images", "images", false}, {"deleted", "deletion_mark", false}}},
        {"price_type", {{"name", "name", false}, {"currency", "currency", false},
                        {"tax_name", "tax_name", false}, {"tax_included", "tax_included", false}}},
        {"warehouse", {{"name", "name", false}}},
        {"price", {{"product", "product_id", true}, {"price_type", "price_type_id", true},
                   {"value", "value", true}, {"currency", "currency", false},
                   {"unit", "unit", false}, {"factor", "factor", false}}},
        {"stock", {{"product", "product_id", true}, {"warehouse", "warehouse_id", false},
                   {"quantity", "quantity", true}}},
        {"counterparty",
         {{"name", "name", false}, {"full_name", "full_name", false}, {"kind", "kind", false},
          {"inn", "inn", false}, {"kpp", "kpp", false}, {"last_name", "last_name", false},
          {"first_name", "first_name", false}, {"middle_name", "middle_name", false},
          {"address", "address", false}, {"addresses", "addresses", false}}},
        {"contact", {{"counterparty", "counterparty_id", true}, {"kind", "kind", false},
                     {"value", "value", false}, {"name", "name", false}}},
        {"order",
         {{"number", "number", false}, {"date", "ordered_at", false},
          {"operation", "operation", false}, {"currency", "currency", false},
          {"rate", "rate", false}, {"amount", "amount", false}, {"comment", "comment", false},
          {"counterparty", "counterparty_id", false}, {"onec_number", "onec_number", false},
          {"onec_date", "onec_date", false}, {"posted", "posted", false},
          {"paid", "paid", false}, {"shipped", "shipped", false},
          {"cancelled", "cancelled", false}, {"deleted", "deletion_mark", false},
          {"status", "status", false}, {"payment_number", "payment_number", false},
          {"payment_date", "payment_date", false}, {"shipment_number", "shipment_number", false},
          {"shipment_date", "shipment_date", false}, {"requisites", "requisites", false}}},
        {"order_line",
         {{"order", "order_id", true}, {"line_no", "line_no", false},
          {"product", "product_id", false}, {"product", "product_key", false},
          {"name", "name", false}, {"unit", "unit", false}, {"price", "price", false},
          {"quantity", "quantity", false}, {"amount", "amount", false},
          {"requisites", "requisites", false}}},
    };
    return table;
}

core::Result<core::Row> oldMapForward(const core::Record& record, MapResolver& resolver) {
    const auto& spec = core::entitySpec(record.entity);
    core::Row row;
    for (const auto& rule : oldTable().at(record.entity)) {
        const core::ColumnSpec* column = spec.column(rule.column);
        if (!record.has(rule.source)) {
            if (rule.required) {
                return core::RecordError{rule.source, "required field is missing"};
            }
            continue;
        }
        const core::Value& value = record.get(rule.source);
        if (mapping::isEmptyValue(value)) {
            if (rule.required) {
                return core::RecordError{rule.source, "required field is empty"};
            }
            row.push_back({rule.column, std::nullopt});
            continue;
        }
        if (column->type == core::ColumnType::Reference) {
            auto id = resolver.crmId(column->references, value.toText());
            if (!id && rule.required) {
                return core::RecordError{rule.source, "unknown " + column->references + " '" +
                                                          value.toText() + "'"};
            }
            row.push_back({rule.column, id ? std::optional<std::string>(std::to_string(*id))
                                           : std::nullopt});
            continue;
        }
        auto converted = mapping::convertValue(value, column->type);
        if (!converted.ok()) {
            return core::RecordError{rule.source, converted.error().message};
        }
        row.push_back({rule.column, converted.value()});
    }
    return row;
}

core::Record make(const std::string& entity, const std::string& key, core::Nested fields) {
    core::Record r;
    r.entity = entity;
    r.key = key;
    r.fields = std::move(fields);
    return r;
}

std::vector<core::Record> sampleRecords() {
    core::Nested property{{"id", "prop-1"}, {"value", "красный"}};
    return {
        make("product_group", "g1", {{"name", "Мебель"}, {"parent", "g0"}}),
        make("product_group", "g2", {{"name", "  "}}),
        make("unit", "796", {{"code", "796 "}, {"name", "шт"}, {"full_name", "Штука"},
                             {"intl_abbr", "PCE"}}),
        make("property", "prop-1", {{"name", "Цвет"}, {"value_type", "Справочник"},
                                    {"options", core::List{core::Value("красный")}}}),
        make("product", "p1",
             {{"name", "Стол"}, {"article", "A-1"}, {"barcode", "4600000000001"},
              {"full_name", "Стол обеденный"}, {"description", ""}, {"group", "g1"},
              {"unit", "796"}, {"vat_rate", "20"},
              {"properties", core::List{core::Value(property)}},
              {"requisites", core::Nested{{"Вес", "12.5"}}},
              {"characteristics", core::List{}}, {"images", core::List{core::Value("a.jpg")}},
              {"deleted", "false"}}),
        make("product", "p1#v1", {{"name", "Стол (белый)"}, {"parent", "p1"}, {"group", "g9"}}),
        make("price_type", "t1", {{"name", "Розничная"}, {"currency", "RUB"},
                                  {"tax_name", "НДС"}, {"tax_included", "true"}}),
        make("warehouse", "w1", {{"name", "Основной"}}),
        make("price", "p1|t1", {{"product", "p1"}, {"price_type", "t1"}, {"value", " 296.40 "},
                                {"currency", "руб"}, {"unit", "шт"}, {"factor", "1"},
                                {"presentation", "296,4 руб. за шт"}}),
        make("price", "p1|t9", {{"product", "p1"}, {"price_type", "t9"}, {"value", "1"}}),
        make("price", "p1|t1", {{"product", "p1"}, {"price_type", "t1"}, {"value", "12,5"}}),
        make("price", "p2|t1", {{"price_type", "t1"}, {"value", "1"}}),
        make("stock", "p1|w1", {{"product", "p1"}, {"warehouse", "w1"}, {"quantity", "5"}}),
        make("counterparty", "c1", {{"name", "ООО Ромашка"}, {"kind", "company"},
                                    {"inn", "7701234567"}, {"kpp", "770101001"},
                                    {"addresses", core::List{}}}),
        make("contact", "c1|1", {{"counterparty", "c1"}, {"kind", "Телефон"},
                                 {"value", "+7 495 000-00-00"}}),
        make("order", "o1", {{"number", "17"}, {"date", "2014-06-01T0:36:33"},
                             {"counterparty", "c1"}, {"amount", "1500.00"}, {"posted", "true"},
                             {"payment_date", "T"}, {"requisites", core::Nested{{"Сайт", "s1"}}}}),
        make("order", "o2", {{"date", "2007-13-16"}}),
        make("order", "o3", {{"posted", "может быть"}}),
        make("order_line", "o1|1", {{"order", "o1"}, {"line_no", "1"}, {"product", "p1"},
                                    {"name", "Стол"}, {"price", "1500"}, {"quantity", "1"},
                                    {"amount", "1500"}}),
        make("order_line", "o1|2", {{"order", "o1"}, {"line_no", "x"}}),
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(forward_mapper)

BOOST_AUTO_TEST_CASE(the_shipped_commerceml_mapping_gives_the_rows_of_the_old_builtin_table) {
    MapResolver resolver;
    resolver.ids = {{"product_group/g0", 1}, {"product_group/g1", 2}, {"unit/796", 3},
                    {"product/p1", 4},       {"price_type/t1", 5},   {"warehouse/w1", 6},
                    {"counterparty/c1", 7},  {"order/o1", 8}};
    for (const auto& record : sampleRecords()) {
        auto expected = oldMapForward(record, resolver);
        auto actual = mapRecord(record, resolver);
        BOOST_TEST_CONTEXT(record.entity << " " << record.key) {
            BOOST_REQUIRE_EQUAL(actual.ok(), expected.ok());
            if (expected.ok()) {
                BOOST_TEST((actual.value() == expected.value()));
            } else {
                BOOST_TEST(actual.error().describe() == expected.error().describe());
            }
        }
    }
    for (const auto& [entity, rules] : oldTable()) {
        BOOST_TEST(mapping::builtinCommerceMlMapping().find(entity)->fields.size() == rules.size(),
                   entity);
    }
}

// The references a batch looks up ahead (sync/batch_prefetch) are the ones mapping asks for.
BOOST_AUTO_TEST_CASE(for_each_reference_names_what_mapping_resolves) {
    struct Recording : mapping::ReferenceResolver {
        std::vector<std::pair<std::string, std::string>> asked;
        std::optional<std::int64_t> crmId(const std::string& entity,
                                          const std::string& key) override {
            asked.emplace_back(entity, key);
            return 1;
        }
    };
    const auto& m = mapping::builtinCommerceMlMapping();
    std::size_t references = 0;
    for (const auto& record : sampleRecords()) {
        Recording resolver;
        auto row = mapping::mapForward(*m.find(record.entity), record, resolver);
        if (!row.ok()) {
            continue;  // a sample made to be refused: mapping stops at its first error
        }
        std::vector<std::pair<std::string, std::string>> visited;
        mapping::forEachReference(*m.find(record.entity), record,
                                  [&](const std::string& entity, const std::string& key) {
                                      visited.emplace_back(entity, key);
                                  });
        BOOST_TEST((visited == resolver.asked), record.entity << " " << record.key);
        references += visited.size();
    }
    BOOST_TEST(references >= 5u);  // the samples do refer to others
}

BOOST_AUTO_TEST_CASE(maps_a_price_resolving_references_and_normalizing_the_decimal) {
    MapResolver resolver;
    resolver.ids = {{"product/p1", 11}, {"price_type/t1", 3}};
    auto price = make("price", "p1|t1", {{"product", "p1"}, {"price_type", "t1"},
                                         {"value", " 296.40 "}, {"currency", "руб"},
                                         {"factor", ""}});
    auto row = mapRecord(price, resolver);
    BOOST_REQUIRE(row.ok());
    core::Row expected = {{"product_id", "11"}, {"price_type_id", "3"}, {"value", "296.4"},
                          {"currency", "руб"}, {"factor", std::nullopt}};
    BOOST_TEST((row.value() == expected));
}

BOOST_AUTO_TEST_CASE(absent_fields_are_left_out_so_changes_only_sources_blank_nothing) {
    MapResolver resolver;
    auto product = make("product", "p1", {{"name", "Стол"}, {"group", "unknown-group"}});
    auto row = mapRecord(product, resolver);
    BOOST_REQUIRE(row.ok());
    core::Row expected = {{"group_id", std::nullopt}, {"name", "Стол"}};
    BOOST_TEST((row.value() == expected));
}

BOOST_AUTO_TEST_CASE(errors_name_the_field_and_the_value) {
    MapResolver resolver;
    resolver.ids = {{"product/p1", 11}};
    auto price = make("price", "p1|t9", {{"product", "p1"}, {"price_type", "t9"}, {"value", "1"}});
    auto row = mapRecord(price, resolver);
    BOOST_REQUIRE(!row.ok());
    BOOST_TEST(row.error().describe() == "price_type: unknown price_type 't9'");

    auto order = make("order", "o1", {{"date", "2007-13-16"}});
    BOOST_TEST(mapRecord(order, resolver).error().describe() ==
               "date: invalid date '2007-13-16' (expected YYYY-MM-DD[Thh:mm:ss])");
    order.fields = {{"posted", "может быть"}};
    BOOST_TEST(mapRecord(order, resolver).error().describe() ==
               "posted: invalid boolean 'может быть' (expected true or false)");
}

BOOST_AUTO_TEST_CASE(normalizes_the_dates_1c_writes) {
    BOOST_TEST(*mapping::normalizeTimestamp("2014-06-01T0:36:33") == "2014-06-01T00:36:33");
    BOOST_TEST(*mapping::normalizeTimestamp("2007-10-30") == "2007-10-30T00:00:00");
    BOOST_TEST(*mapping::normalizeTimestamp("2016-12-26 17:08:57") == "2016-12-26T17:08:57");
    BOOST_TEST(mapping::normalizeTimestamp("T")->empty());
    BOOST_TEST(mapping::normalizeTimestamp("0001-01-01T00:00:00")->empty());
    BOOST_TEST(!mapping::normalizeTimestamp("30.10.2007").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
