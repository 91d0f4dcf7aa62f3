#include <boost/test/unit_test.hpp>

#include "mapping/forward_mapper.h"
#include "tests/mapping/mapping_test_helpers.h"

namespace core = crmsync::core;
namespace mapping = crmsync::mapping;
using crmsync::test::MapResolver;

namespace {

// An OData order whose counterparty is found by ИНН and КПП, the way the issue describes it.
const char* kByInnAndKpp =
    "<field target=\"counterparty_id\" required=\"true\">"
    "<lookup entity=\"counterparty\">"
    "<match column=\"inn\" source=\"ИНН\"/><match column=\"kpp\" source=\"КПП\"/>"
    "</lookup></field>";

mapping::Mapping orderMapping(const std::string& fields) {
    auto loaded = mapping::loadMappingText(
        crmsync::test::mappingXml("<entity name=\"order\" table=\"sales_order\" key=\"Ref_Key\">"
                                  "<odata entity-set=\"Document_ЗаказКлиента\"/>" +
                                  fields + "</entity>\n"),
        "test.xml");
    if (!loaded.mapping) {
        throw std::runtime_error(loaded.diagnostics.text());
    }
    return std::move(*loaded.mapping);
}

core::Record order(core::Nested fields) {
    core::Record r;
    r.entity = "order";
    r.key = "o1";
    r.fields = std::move(fields);
    return r;
}

MapResolver twoCompanies() {
    MapResolver resolver;
    resolver.rows = {
        {"counterparty", 5, {{"inn", "7701234567"}, {"kpp", "770101001"}}},
        {"counterparty", 6, {{"inn", "7701234567"}, {"kpp", "770201001"}}},
        {"counterparty", 7, {{"inn", "500100732259"}, {"kpp", std::nullopt}}},
        {"contact", 8, {{"inn", "7701234567"}, {"kpp", "770101001"}}},
    };
    return resolver;
}

std::string mapped(const std::string& fields, const core::Record& record, MapResolver& resolver) {
    auto m = orderMapping(fields);
    auto row = mapping::mapForward(*m.find("order"), record, resolver);
    if (!row.ok()) {
        return "error: " + row.error().describe();
    }
    std::string out;
    for (const auto& cv : row.value()) {
        out += (out.empty() ? "" : " ") + cv.column + "=" + cv.text.value_or("NULL");
    }
    return out.empty() ? "(absent)" : out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lookup)

BOOST_AUTO_TEST_CASE(finds_the_counterparty_by_inn_and_kpp) {
    auto resolver = twoCompanies();
    BOOST_TEST(mapped(kByInnAndKpp, order({{"ИНН", "7701234567"}, {"КПП", "770201001"}}),
                      resolver) == "counterparty_id=6");
    BOOST_REQUIRE(resolver.lookups.size() == 1u);
    core::Row asked = {{"inn", "7701234567"}, {"kpp", "770201001"}};
    BOOST_TEST((resolver.lookups.front() == asked));
}

BOOST_AUTO_TEST_CASE(an_empty_value_matches_an_empty_column) {
    auto resolver = twoCompanies();
    BOOST_TEST(mapped(kByInnAndKpp, order({{"ИНН", "500100732259"}, {"КПП", ""}}), resolver) ==
               "counterparty_id=7");
    core::Row asked = {{"inn", "500100732259"}, {"kpp", std::nullopt}};
    BOOST_TEST((resolver.lookups.front() == asked));
}

BOOST_AUTO_TEST_CASE(no_match_of_a_required_field_names_the_lookup_and_the_values) {
    auto resolver = twoCompanies();
    BOOST_TEST(mapped(kByInnAndKpp, order({{"ИНН", "7701234567"}, {"КПП", "999"}}), resolver) ==
               "error: counterparty_id: lookup found no counterparty with inn='7701234567' "
               "kpp='999'");
}

BOOST_AUTO_TEST_CASE(no_match_of_an_optional_field_gives_null) {
    auto resolver = twoCompanies();
    std::string optional = kByInnAndKpp;
    optional.replace(optional.find(" required=\"true\""), 16, "");
    BOOST_TEST(mapped(optional, order({{"ИНН", "1"}, {"КПП", "2"}}), resolver) ==
               "counterparty_id=NULL");
}

BOOST_AUTO_TEST_CASE(more_than_one_match_is_an_ambiguous_lookup) {
    auto resolver = twoCompanies();
    std::string by_inn =
        "<field target=\"counterparty_id\"><lookup entity=\"counterparty\">"
        "<match column=\"inn\" source=\"ИНН\"/></lookup></field>";
    BOOST_TEST(mapped(by_inn, order({{"ИНН", "7701234567"}}), resolver) ==
               "error: counterparty_id: ambiguous lookup: 2 counterparty rows with "
               "inn='7701234567'");
}

BOOST_AUTO_TEST_CASE(a_match_without_source_takes_the_value_the_chain_made) {
    auto resolver = twoCompanies();
    std::string field =
        "<field source=\"ИННКПП\" target=\"attributes.buyer\">"
        "<regex-extract pattern=\"^(\\d+)/\" group=\"1\"/>"
        "<lookup entity=\"counterparty\"><match column=\"inn\"/>"
        "<match column=\"kpp\" source=\"КПП\"/></lookup></field>";
    BOOST_TEST(mapped(field, order({{"ИННКПП", "7701234567/x"}, {"КПП", "770101001"}}),
                      resolver) == R"(attributes={"buyer":5})");
}

BOOST_AUTO_TEST_CASE(a_record_without_the_sources_leaves_the_column_alone) {
    auto resolver = twoCompanies();
    std::string optional = kByInnAndKpp;
    optional.replace(optional.find(" required=\"true\""), 16, "");
    BOOST_TEST(mapped(optional, order({{"Number", "1"}}), resolver) == "(absent)");
    BOOST_TEST(mapped(kByInnAndKpp, order({{"Number", "1"}}), resolver) ==
               "error: counterparty_id: required field is missing");
    BOOST_TEST(resolver.lookups.empty());
}

BOOST_AUTO_TEST_CASE(all_values_empty_gives_null_without_asking_the_database) {
    auto resolver = twoCompanies();
    std::string optional = kByInnAndKpp;
    optional.replace(optional.find(" required=\"true\""), 16, "");
    BOOST_TEST(mapped(optional, order({{"ИНН", " "}, {"КПП", ""}}), resolver) ==
               "counterparty_id=NULL");
    BOOST_TEST(resolver.lookups.empty());
    BOOST_TEST(mapped(kByInnAndKpp, order({{"ИНН", ""}, {"КПП", ""}}), resolver) ==
               "error: counterparty_id: required field is empty");
}

BOOST_AUTO_TEST_CASE(a_resolver_without_a_database_refuses_lookups) {
    struct BindingsOnly : mapping::ReferenceResolver {
        std::optional<std::int64_t> crmId(const std::string&, const std::string&) override {
            return std::nullopt;
        }
    } bindings_only;
    auto m = orderMapping(kByInnAndKpp);
    BOOST_CHECK_EXCEPTION(
        mapping::mapForward(*m.find("order"), order({{"ИНН", "1"}}), bindings_only),
        std::runtime_error, [](const std::runtime_error& e) {
            return std::string(e.what()) ==
                   "<lookup> of counterparty needs the CRM database, which this evaluation does "
                   "not have";
        });
}

BOOST_AUTO_TEST_SUITE_END()
