// Columns an admin adds to a CRM table, written and read through specs extended with them
// (core::extendedEntitySpec), and the lookups the mapping layer runs (findRowIds,
// findBindingOfRow), on SQLite and PostgreSQL.
#include <boost/test/unit_test.hpp>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using crmsync::test::row;
namespace core = crmsync::core;

namespace {

core::ColumnSpec text(const std::string& name) { return {name, core::ColumnType::Text, {}}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_columns_in_the_store)

CRMSYNC_TEST_ON_BOTH(two_layouts_of_one_table_keep_their_own_statements) {
    CrmdbTarget db(backend);
    db.sql() << "ALTER TABLE product ADD COLUMN brand TEXT";
    db.sql() << "ALTER TABLE product ADD COLUMN season TEXT";
    const auto& base = core::entitySpec("product");
    // The same bit of the statement cache's column set stands for brand in one and season in
    // the other: the cache must tell them apart by the spec.
    const auto& with_brand = core::extendedEntitySpec(base, {text("brand")});
    const auto& with_season = core::extendedEntitySpec(base, {text("season")});
    BOOST_TEST(&with_brand != &with_season);
    BOOST_TEST(&core::extendedEntitySpec(base, {text("brand")}) == &with_brand);

    auto tx = db.store().begin();
    std::int64_t desk = tx->rows().insert(with_brand, row({{"name", "Стол"}, {"brand", "IKEA"}}));
    std::int64_t chair = tx->rows().insert(with_season, row({{"name", "Стул"}, {"season", "зима"}}));
    tx->rows().update(with_season, desk, row({{"season", "лето"}}));
    tx->rows().update(with_brand, chair, row({{"brand", "Hoff"}}));
    core::Row read = tx->rows().read(with_brand, desk);
    BOOST_TEST(read.size() == base.columns.size() + 2);
    BOOST_TEST(*core::findColumn(read, "brand")->text == "IKEA");
    BOOST_TEST((tx->rows().findIds(with_season, row({{"season", "зима"}})) ==
                std::vector<std::int64_t>{chair}));
    tx->commit();

    BOOST_TEST(
        db.count("SELECT COUNT(*) FROM product WHERE brand = 'IKEA' AND season = 'лето'") == 1);
    BOOST_TEST(
        db.count("SELECT COUNT(*) FROM product WHERE brand = 'Hoff' AND season = 'зима'") == 1);
}

BOOST_AUTO_TEST_CASE(an_extension_past_the_column_limit_or_repeating_a_column_is_refused) {
    const auto& base = core::entitySpec("product");
    BOOST_CHECK_THROW(core::extendedEntitySpec(base, {text("name")}), crmsync::Error);
    std::vector<core::ColumnSpec> many;
    for (std::size_t i = base.columns.size(); i <= core::kMaxEntityColumns; ++i) {
        many.push_back(text("extra_" + std::to_string(i)));
    }
    BOOST_CHECK_THROW(core::extendedEntitySpec(base, many), crmsync::Error);
    many.pop_back();
    BOOST_TEST(core::extendedEntitySpec(base, many).columns.size() == core::kMaxEntityColumns);
}

CRMSYNC_TEST_ON_BOTH(find_row_ids_compares_by_column_type_and_skips_inactive_rows) {
    CrmdbTarget db(backend);
    const auto& order = core::entitySpec("order");
    const auto& counterparty = core::entitySpec("counterparty");
    auto tx = db.store().begin();
    std::int64_t a = tx->rows().insert(order, row({{"number", "1"}, {"amount", "10.50"},
                                               {"ordered_at", "2024-03-05T10:20:30"},
                                               {"posted", "1"}}));
    std::int64_t b = tx->rows().insert(order, row({{"number", "2"}, {"amount", "10.5"},
                                               {"comment", ""}, {"posted", "0"}}));
    tx->rows().insert(order, row({{"number", "3"}, {"amount", "10.5"}, {"active", "0"}}));
    using Ids = std::vector<std::int64_t>;
    BOOST_TEST((tx->rows().findIds(order, row({{"amount", "10.500"}})) == Ids{a, b}));
    BOOST_TEST((tx->rows().findIds(order, row({{"amount", "ten"}})) == Ids{}));
    BOOST_TEST((tx->rows().findIds(order, row({{"posted", "1"}, {"amount", "10.5"}})) == Ids{a}));
    BOOST_TEST((tx->rows().findIds(order, row({{"ordered_at", "2024-03-05 10:20:30"}})) == Ids{a}));
    // NULL and '' are both "empty" for text; only NULL for other types.
    BOOST_TEST((tx->rows().findIds(order, row({{"comment", std::nullopt}})) == Ids{a, b}));
    BOOST_TEST((tx->rows().findIds(order, row({{"rate", std::nullopt}, {"number", "2"}})) == Ids{b}));
    BOOST_CHECK_THROW(tx->rows().findIds(order, row({{"no_such", "1"}})), crmsync::Error);

    std::int64_t c = tx->rows().insert(counterparty, row({{"name", "Ромашка"}}));
    BOOST_TEST(!tx->bindings().findOfRow("counterparty", c).has_value());
    tx->bindings().save({"counterparty", "c1", c, "h", "{}", "v1"});
    BOOST_TEST(tx->bindings().findOfRow("counterparty", c)->onec_key == "c1");
    BOOST_TEST(!tx->bindings().findOfRow("product", c).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
