#define BOOST_TEST_MODULE mapping
#include <boost/test/unit_test.hpp>

#include <map>

#include "crmcore/entity_catalog.h"
#include "mapping/entity_mapping.h"
#include "mapping/forward_mapper.h"
#include "mapping/value_conversion.h"

namespace core = crmsync::core;
namespace mapping = crmsync::mapping;

namespace {

class MapResolver : public mapping::ReferenceResolver {
public:
    std::map<std::string, std::int64_t> ids;
    std::optional<std::int64_t> crmId(const std::string& entity, const std::string& key) override {
        auto it = ids.find(entity + "/" + key);
        if (it == ids.end()) {
            return std::nullopt;
        }
        return it->second;
    }
};

core::Result<core::Row> mapRecord(const core::Record& record, MapResolver& resolver) {
    const auto& m = mapping::builtinCommerceMlMapping();
    return mapping::mapForward(*m.find(record.entity), core::entitySpec(record.entity), record,
                               resolver);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(forward_mapper)

BOOST_AUTO_TEST_CASE(every_rule_of_the_builtin_mapping_targets_a_real_column) {
    for (const auto& entity : mapping::builtinCommerceMlMapping().entities) {
        const auto* spec = core::findEntitySpec(entity.entity);
        BOOST_REQUIRE_MESSAGE(spec != nullptr, entity.entity);
        for (const auto& rule : entity.fields) {
            BOOST_TEST(spec->column(rule.column) != nullptr, entity.entity << "." << rule.column);
        }
    }
}

BOOST_AUTO_TEST_CASE(maps_a_price_resolving_references_and_normalizing_the_decimal) {
    MapResolver resolver;
    resolver.ids = {{"product/p1", 11}, {"price_type/t1", 3}};
    core::Record price;
    price.entity = "price";
    price.key = "p1|t1";
    price.fields = {{"product", "p1"}, {"price_type", "t1"}, {"value", " 296.40 "},
                    {"currency", "руб"}, {"factor", ""}};
    auto row = mapRecord(price, resolver);
    BOOST_REQUIRE(row.ok());
    core::Row expected = {{"product_id", "11"}, {"price_type_id", "3"}, {"value", "296.4"},
                          {"currency", "руб"}, {"factor", std::nullopt}};
    BOOST_TEST((row.value() == expected));
}

BOOST_AUTO_TEST_CASE(absent_fields_are_left_out_so_changes_only_sources_blank_nothing) {
    MapResolver resolver;
    core::Record product;
    product.entity = "product";
    product.key = "p1";
    product.fields = {{"name", "Стол"}, {"group", "unknown-group"}};
    auto row = mapRecord(product, resolver);
    BOOST_REQUIRE(row.ok());
    core::Row expected = {{"group_id", std::nullopt}, {"name", "Стол"}};
    BOOST_TEST((row.value() == expected));
}

BOOST_AUTO_TEST_CASE(errors_name_the_field_and_the_value) {
    MapResolver resolver;
    resolver.ids = {{"product/p1", 11}};
    core::Record price;
    price.entity = "price";
    price.key = "p1|t9";
    price.fields = {{"product", "p1"}, {"price_type", "t9"}, {"value", "1"}};
    auto row = mapRecord(price, resolver);
    BOOST_REQUIRE(!row.ok());
    BOOST_TEST(row.error().describe() == "price_type: unknown price_type 't9'");

    core::Record order;
    order.entity = "order";
    order.key = "o1";
    order.fields = {{"date", "2007-13-16"}};
    auto bad_date = mapRecord(order, resolver);
    BOOST_REQUIRE(!bad_date.ok());
    BOOST_TEST(bad_date.error().describe() ==
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
