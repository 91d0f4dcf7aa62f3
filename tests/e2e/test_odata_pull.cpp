// Pulling from an emulated 1C OData publication over real HTTP on loopback through the sample
// УТ 11 mapping (config/mappings/odata-ut11.xml), into SQLite and PostgreSQL.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

sync::PullReport pull(TestDatabase& db, emulator::OdataEmulator& onec, bool full = false) {
    return pullSample(db, onec, full);
}

const sync::EntityPullStats& statsOf(const sync::PullReport& report, const std::string& entity) {
    for (const auto& stats : report.entities) {
        if (stats.entity == entity) {
            return stats;
        }
    }
    throw std::runtime_error("no pull of " + entity);
}

// The CRM state as 1C keys see it: every active row of the pulled tables with its columns, the
// references written as the 1C keys they point at, so two databases compare whatever ids they
// gave their rows.
std::string crmState(TestDatabase& db) {
    std::string state;
    auto dump = [&](const std::string& entity, const std::string& table,
                    const std::string& columns) {
        long long rows = db.count("SELECT COUNT(*) FROM " + table + " WHERE active = 1");
        for (long long n = 0; n < rows; ++n) {
            auto row = db.text("SELECT b.onec_key || ' ' || " + columns + " FROM " + table +
                               " t LEFT JOIN binding b ON b.entity = '" + entity +
                               "' AND b.crm_id = t.id WHERE t.active = 1 "
                               "ORDER BY b.onec_key LIMIT 1 OFFSET " + std::to_string(n));
            state += entity + " " + row.value_or("(unbound)") + "\n";
        }
    };
    auto key = [](const std::string& entity, const std::string& column) {
        return "COALESCE((SELECT onec_key FROM binding WHERE entity = '" + entity +
               "' AND crm_id = t." + column + "), '-')";
    };
    dump("product_group", "product_group", "t.name || ' ' || t.active || ' ' || " +
                                               key("product_group", "parent_id"));
    dump("product", "product",
         "t.name || ' ' || t.article || ' ' || t.active || ' ' || COALESCE(t.deletion_mark, 0) || "
         "' ' || " + key("product_group", "group_id") + " || ' ' || " + key("unit", "unit_id"));
    dump("price", "price", "CAST(t.value AS TEXT)");
    dump("counterparty", "counterparty", "t.name || ' ' || t.inn || ' ' || t.kind");
    dump("order", "sales_order",
         "t.onec_number || ' ' || CAST(t.amount AS TEXT) || ' ' || " +
             key("counterparty", "counterparty_id"));
    dump("order_line", "order_line",
         "t.line_no || ' ' || CAST(t.quantity AS TEXT) || ' ' || CAST(t.price AS TEXT) || ' ' || " +
             key("product", "product_id"));
    return state;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odata_pull)

CRMSYNC_TEST_ON_BOTH(a_full_pull_brings_every_mapped_object_with_exact_values) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    auto report = pull(db, onec);
    BOOST_TEST_REQUIRE(report.import.ok);

    BOOST_TEST(db.tableRows("product_group") == 3);
    BOOST_TEST(db.tableRows("unit") == 2);
    BOOST_TEST(db.tableRows("product") == 10);
    BOOST_TEST(db.tableRows("price_type") == 2);
    BOOST_TEST(db.tableRows("price") == 20);
    BOOST_TEST(db.tableRows("counterparty") == 3);
    BOOST_TEST(db.tableRows("sales_order") == 2);
    BOOST_TEST(db.tableRows("order_line") == 4);
    // Item 4 (from 0) in group 4 % 3 = 1, whose parent is group 0; the wholesale price is exact.
    std::string item = ut11::refKey("item", 4);
    BOOST_TEST(db.text("SELECT g.name FROM product p JOIN product_group g ON g.id = p.group_id "
                       "JOIN binding b ON b.crm_id = p.id AND b.entity = 'product' "
                       "WHERE b.onec_key = '" + item + "'").value_or("") == "Группа 2");
    BOOST_TEST(db.text("SELECT CAST(pr.value AS TEXT) FROM price pr JOIN binding b "
                       "ON b.crm_id = pr.product_id AND b.entity = 'product' "
                       "JOIN binding t ON t.crm_id = pr.price_type_id AND t.entity = 'price_type' "
                       "WHERE b.onec_key = '" + item + "' AND t.onec_key = '" +
                       ut11::refKey("price-type", 1) + "'").value_or("") == "104.01");
    BOOST_TEST(db.text("SELECT onec_version FROM binding WHERE entity = 'product' AND "
                       "onec_key = '" + item + "'").value_or("") != "");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'product_group' AND "
                        "onec_key = '" + ut11::refKey("group", 1) + "' AND crm_id IN (SELECT id "
                        "FROM product_group WHERE parent_id IS NOT NULL)") == 1);
    // Order 1's lines: items 1 and 2 at their retail price, quantities 1 and 2; the total is exact.
    BOOST_TEST(db.text("SELECT CAST(amount AS TEXT) FROM sales_order WHERE onec_number = "
                       "'УТ-000000002'").value_or("") == "305");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE op = 'insert'") == 46);
}

CRMSYNC_TEST_ON_BOTH(a_second_pull_reads_only_versions_and_writes_nothing) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pull(db, onec).import.ok);
    long long rows = db.totalRows();

    auto again = pull(db, onec);
    BOOST_TEST_REQUIRE(again.import.ok);
    BOOST_TEST(db.totalRows() == rows);
    for (const char* entity : {"product_group", "unit", "product", "price_type", "counterparty",
                               "order"}) {
        BOOST_TEST(statsOf(again, entity).incremental, entity);
        BOOST_TEST(statsOf(again, entity).fetched == 0u, entity);
    }
    BOOST_TEST(statsOf(again, "product").scanned == 10u);
    // The price register has no versions: only its records dated after the last pull are read.
    BOOST_TEST(statsOf(again, "price").incremental);
    BOOST_TEST(statsOf(again, "price").fetched == 0u);
    BOOST_TEST(again.import.totals.read == 0);
}

CRMSYNC_TEST_ON_BOTH(one_change_in_many_fetches_one_object_and_matches_a_fresh_full_pull) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {.groups = 3, .units = 2, .items = 1000, .price_types = 1,
                                      .counterparties = 3, .orders = 10});
    BOOST_TEST_REQUIRE(pull(db, onec).import.ok);

    Poco::JSON::Object renamed;
    renamed.set("Description", "Товар переименован");
    onec.store().update(ut11::kItems, ut11::refKey("item", 500), renamed);
    Poco::JSON::Object marked;
    marked.set("DeletionMark", true);
    onec.store().update(ut11::kItems, ut11::refKey("item", 7), marked);
    // A new retail price for item 3 from June.
    Poco::JSON::Object price;
    price.set("Period", "2026-06-01T00:00:00");
    price.set("Номенклатура_Key", ut11::refKey("item", 3));
    price.set("Характеристика_Key", "00000000-0000-0000-0000-000000000000");
    price.set("ВидЦены_Key", ut11::refKey("price-type", 0));
    price.set("Цена", 99.9);
    onec.store().addRecord(ut11::kPrices, price);
    // Order 0 loses its second line in 1C.
    auto order = onec.store().find(ut11::kOrders, ut11::refKey("order", 0));
    Poco::JSON::Array::Ptr first_line = new Poco::JSON::Array;
    first_line->add(order->getArray("Товары")->getObject(0));
    Poco::JSON::Object shortened;
    shortened.set("Товары", first_line);
    onec.store().update(ut11::kOrders, ut11::refKey("order", 0), shortened);

    auto incremental = pull(db, onec);
    BOOST_TEST_REQUIRE(incremental.import.ok);
    BOOST_TEST(statsOf(incremental, "product").scanned == 1000u);
    BOOST_TEST(statsOf(incremental, "product").fetched == 2u);
    BOOST_TEST(statsOf(incremental, "price").fetched == 1u);
    BOOST_TEST(incremental.import.totals.updated == 3);
    // The item marked for deletion and the order's dropped line.
    BOOST_TEST(incremental.import.totals.deactivated == 1);
    BOOST_TEST(statsOf(incremental, "order").fetched == 1u);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM order_line WHERE active = 1") == 19);
    BOOST_TEST(db.text("SELECT after FROM journal WHERE op = 'update' AND onec_key = '" +
                       ut11::refKey("item", 500) + "'").value_or("") ==
               R"({"name":"Товар переименован"})");
    auto product = [&](const std::string& columns, std::size_t item) {
        return db.text("SELECT " + columns + " FROM product WHERE id = (SELECT crm_id FROM "
                       "binding WHERE entity = 'product' AND onec_key = '" +
                       ut11::refKey("item", item) + "')").value_or("");
    };
    BOOST_TEST(product("active || ' ' || deletion_mark", 7) == "0 1");  // marked for deletion

    TestDatabase fresh(backend);
    BOOST_TEST_REQUIRE(pull(fresh, onec, /*full=*/true).import.ok);
    BOOST_TEST(crmState(db) == crmState(fresh));
}

// The issue's measure, at full size: one change among 100,000 items costs the version scan
// and one object, not the catalog. SQLite only: the first pull alone is the slow part on
// PostgreSQL, and the behaviour is the engine's, the same on both.
BOOST_AUTO_TEST_CASE(one_change_in_100000_items_reads_one_item) {
    TestDatabase db(Backend::Sqlite);
    emulator::OdataEmulator onec;
    constexpr std::size_t kItems = 100'000;
    emulator::seedUt11(onec.store(), {.groups = 10, .units = 1, .items = kItems,
                                      .price_types = 0, .counterparties = 0, .orders = 0});
    auto settings = odataSettingsFor(onec);
    settings.page_size = 1000;  // 1C's usual page
    odata::OdataClient client(settings);
    odata::OdataObjectReader reader(client);
    sync::PullOptions options;
    options.entities = {"product_group", "unit", "product"};
    BOOST_TEST_REQUIRE(sync::pullFromOneC(db.store(), odataSampleMapping(), reader, options)
                           .import.ok);

    Poco::JSON::Object renamed;
    renamed.set("Description", "Один изменённый товар");
    onec.store().update(ut11::kItems, ut11::refKey("item", 54321), renamed);
    auto report = sync::pullFromOneC(db.store(), odataSampleMapping(), reader, options);
    BOOST_TEST_REQUIRE(report.import.ok);
    BOOST_TEST(statsOf(report, "product").scanned == kItems);
    BOOST_TEST(statsOf(report, "product").fetched == 1u);
    BOOST_TEST(report.import.totals.read == 1);
    BOOST_TEST(report.import.totals.updated == 1);
    // The scan's pages (Ref_Key and DataVersion only) and one request for the changed item.
    BOOST_TEST(report.requests <= kItems / 1000 + 10);
}

CRMSYNC_TEST_ON_BOTH(what_vanished_from_1c_is_deactivated_registers_at_the_next_full_pull) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {.items = 20, .price_types = 1});
    BOOST_TEST_REQUIRE(pull(db, onec).import.ok);
    // Deleting an item in 1C takes the register records that refer to it along.
    BOOST_TEST_REQUIRE(onec.store().remove(ut11::kItems, ut11::refKey("item", 15)));
    BOOST_TEST(onec.store().removeRecords(ut11::kPrices, "Номенклатура_Key",
                                          ut11::refKey("item", 15)) == 1u);
    auto price_active = [&] {
        return db.text("SELECT p.active FROM price p JOIN binding b ON b.entity = 'product' "
                       "AND b.crm_id = p.product_id WHERE b.onec_key = '" +
                       ut11::refKey("item", 15) + "'").value_or("");
    };

    auto incremental = pull(db, onec);
    BOOST_TEST_REQUIRE(incremental.import.ok);
    BOOST_TEST(incremental.import.totals.deactivated == 1);  // the item
    BOOST_TEST(price_active() == "1");  // a register read since a Period cannot see removals

    auto full = pull(db, onec, /*full=*/true);
    BOOST_TEST_REQUIRE(full.import.ok);
    BOOST_TEST(full.import.totals.deactivated == 1);  // its price
    BOOST_TEST(price_active() == "0");
    TestDatabase fresh(backend);
    BOOST_TEST_REQUIRE(pull(fresh, onec, /*full=*/true).import.ok);
    BOOST_TEST(crmState(db) == crmState(fresh));
}

CRMSYNC_TEST_ON_BOTH(a_refused_login_fails_the_run_and_changes_nothing) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    onec.faults().reject_auth = true;
    auto report = pull(db, onec);
    BOOST_TEST(!report.import.ok);
    BOOST_TEST_REQUIRE(!report.import.sources.empty());
    BOOST_TEST(report.import.sources.front().error.find("authentication failed") !=
                   std::string::npos,
               report.import.sources.front().error);
    BOOST_TEST(db.totalRows() == 0);
    BOOST_TEST(db.text("SELECT status FROM sync_run").value_or("") == "failed");
}

CRMSYNC_TEST_ON_BOTH(a_malformed_reply_fails_the_run_and_changes_nothing) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    onec.faults().malformed_next = 1;
    auto report = pull(db, onec);
    BOOST_TEST(!report.import.ok);
    BOOST_TEST_REQUIRE(!report.import.sources.empty());
    const std::string& error = report.import.sources.front().error;
    BOOST_TEST(error.find("Catalog_Номенклатура") != std::string::npos, error);
    BOOST_TEST(error.find("malformed JSON reply") != std::string::npos, error);
    BOOST_TEST(db.totalRows() == 0);
}

CRMSYNC_TEST_ON_BOTH(server_errors_are_retried_and_the_pull_completes) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    onec.faults().fail_every = 5;  // 20% of requests answer 500
    auto report = pull(db, onec);
    BOOST_TEST_REQUIRE(report.import.ok);
    BOOST_TEST(db.tableRows("product") == 10);
    BOOST_TEST(db.tableRows("order_line") == 4);
}

BOOST_AUTO_TEST_CASE(the_command_line_pull_reads_the_password_from_the_environment) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    std::vector<std::string> args = {"odata", "pull", "--db", db, "--mapping",
                                     (projectConfig() / "mappings" / "odata-ut11.xml").string(),
                                     "--url", onec.url(), "--user", onec.options().user,
                                     "--entity", "product_group", "--entity", "unit",
                                     "--entity", "product"};
    ::unsetenv("CRMSYNC_ONEC_PASSWORD");
    auto refused = runCrmsync(args);
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.err.find("authentication failed") != std::string::npos, refused.err);

    ::setenv("CRMSYNC_ONEC_PASSWORD", onec.options().password.c_str(), 1);
    auto pulled = runCrmsync(args);
    ::unsetenv("CRMSYNC_ONEC_PASSWORD");
    BOOST_TEST_REQUIRE(pulled.code == 0, pulled.err);
    BOOST_TEST(pulled.out.find("Catalog_Номенклатура (product): scanned 10, fetched 10") !=
                   std::string::npos,
               pulled.out);
    BOOST_TEST(pulled.out.find("succeeded") != std::string::npos);
    BOOST_TEST(pulled.err.find(onec.options().password) == std::string::npos);
    BOOST_TEST(pulled.out.find("price") == std::string::npos);  // not asked for
}

BOOST_AUTO_TEST_SUITE_END()
