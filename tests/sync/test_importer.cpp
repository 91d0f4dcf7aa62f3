#define BOOST_TEST_MODULE sync
#include <boost/test/unit_test.hpp>

#include "adapters/crmdb/soci_crm_store.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_file.h"
#include "sync/batch_applier.h"
#include "sync/batch_commit.h"
#include "sync/change_filter.h"
#include "sync/importer.h"
#include "sync/quarantine_replay.h"
#include "tests/support/test_database.h"
#include "tests/sync/scripted_source.h"

using namespace crmsync;
using crmsync::test::makeRecord;
using crmsync::test::package;
using crmsync::test::ScriptedPackage;
using crmsync::test::ScriptedSource;
using crmsync::test::TestDatabase;

namespace {

const std::string kRetail = "pt-retail";

core::Record priceType() {
    return makeRecord("price_type", kRetail, {{"name", "Розничная"}, {"currency", "RUB"}});
}

core::Record group(const std::string& key, const std::string& name) {
    return makeRecord("product_group", key, {{"name", name}});
}

core::Record product(const std::string& key, const std::string& name,
                     const std::string& article = "A-1") {
    return makeRecord("product", key,
                      {{"article", article}, {"name", name}, {"group", "g1"}, {"deleted", false}});
}

core::Record price(const std::string& product_key, const std::string& value,
                   const std::string& type = kRetail) {
    return makeRecord("price", product_key + "|" + type,
                      {{"product", product_key}, {"price_type", type}, {"value", value},
                       {"currency", "RUB"}});
}

core::RunCounts importScript(TestDatabase& db, std::vector<ScriptedPackage> packages,
                             sync::ImportOptions options = {},
                             const mapping::Mapping& mapping = mapping::builtinCommerceMlMapping()) {
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<ScriptedSource>(std::move(packages)));
    sync::Importer importer(db.store(), mapping, options);
    auto report = importer.run("test", sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    return report.totals;
}

std::vector<ScriptedPackage> catalog(bool changes_only, std::vector<core::Record> products) {
    return {{package("classifier", true, {"product_group", "price_type"}),
             {group("g1", "Мебель"), priceType()}},
            {package("catalog", changes_only, {"product"}), std::move(products)}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(importer)

CRMSYNC_TEST_ON_BOTH(inserts_rows_bindings_and_one_journal_row_each) {
    TestDatabase db(backend);
    auto counts = importScript(db, catalog(true, {product("p1", "Стол"), product("p2", "Стул")}));
    BOOST_TEST(counts.read == 4);
    BOOST_TEST(counts.inserted == 4);
    BOOST_TEST(db.tableRows("product") == 2);
    BOOST_TEST(db.tableRows("binding") == 4);
    BOOST_TEST(db.tableRows("journal") == 4);
    BOOST_TEST(*db.text("SELECT p.name FROM product p JOIN binding b ON b.crm_id = p.id "
                        "WHERE b.entity = 'product' AND b.onec_key = 'p2'") == "Стул");
    BOOST_TEST(*db.text("SELECT g.name FROM product p JOIN product_group g ON g.id = p.group_id "
                        "JOIN binding b ON b.crm_id = p.id WHERE b.entity = 'product' AND "
                        "b.onec_key = 'p1'") == "Мебель");
    BOOST_TEST(*db.text("SELECT op FROM journal WHERE onec_key = 'p1'") == "insert");
    BOOST_TEST(*db.text("SELECT lineage FROM journal WHERE onec_key = 'p1'") == "scripted.xml:12");
}

CRMSYNC_TEST_ON_BOTH(second_identical_import_writes_no_journal_rows_and_no_data) {
    TestDatabase db(backend);
    auto script = catalog(false, {product("p1", "Стол"), product("p2", "Стул")});
    importScript(db, script);
    long long rows_before = db.totalRows();
    auto counts = importScript(db, script);
    BOOST_TEST(counts.read == 4);
    BOOST_TEST(counts.unchanged == 4);
    BOOST_TEST(counts.inserted + counts.updated + counts.deactivated == 0);
    BOOST_TEST(db.totalRows() == rows_before);
}

CRMSYNC_TEST_ON_BOTH(changed_field_updates_only_that_column_with_before_and_after) {
    TestDatabase db(backend);
    importScript(db, catalog(true, {product("p1", "Стол")}));
    auto counts = importScript(db, catalog(true, {product("p1", "Стол дубовый")}));
    BOOST_TEST(counts.updated == 1);
    BOOST_TEST(counts.unchanged == 2);
    BOOST_TEST(*db.text("SELECT before FROM journal WHERE op = 'update'") == R"({"name":"Стол"})");
    BOOST_TEST(*db.text("SELECT after FROM journal WHERE op = 'update'") ==
               R"({"name":"Стол дубовый"})");
}

CRMSYNC_TEST_ON_BOTH(full_package_deactivates_what_it_no_longer_contains) {
    TestDatabase db(backend);
    importScript(db, catalog(false, {product("p1", "Стол"), product("p2", "Стул")}));
    auto counts = importScript(db, catalog(false, {product("p1", "Стол")}));
    BOOST_TEST(counts.deactivated == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product WHERE active = 1") == 1);
    BOOST_TEST(db.tableRows("product") == 2);  // never deleted
    BOOST_TEST(*db.text("SELECT onec_key FROM journal WHERE op = 'deactivate'") == "p2");
}

CRMSYNC_TEST_ON_BOTH(changes_only_package_touches_only_what_it_contains) {
    TestDatabase db(backend);
    importScript(db, catalog(false, {product("p1", "Стол"), product("p2", "Стул")}));
    auto counts = importScript(db, catalog(true, {product("p1", "Стол")}));
    BOOST_TEST(counts.deactivated == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product WHERE active = 1") == 2);
}

CRMSYNC_TEST_ON_BOTH(deactivated_product_that_returns_unchanged_is_active_again) {
    TestDatabase db(backend);
    importScript(db, catalog(false, {product("p1", "Стол"), product("p2", "Стул")}));
    importScript(db, catalog(false, {product("p1", "Стол")}));
    auto counts = importScript(db, catalog(false, {product("p1", "Стол"), product("p2", "Стул")}));
    BOOST_TEST(counts.updated == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product WHERE active = 1") == 2);
}

CRMSYNC_TEST_ON_BOTH(variant_stays_active_while_its_product_is_in_the_full_catalog) {
    TestDatabase db(backend);
    importScript(db, catalog(true, {product("p1", "Стол")}));
    importScript(db, {{package("offers", true, {}),
                       {makeRecord("product", "p1#v1", {{"parent", "p1"}, {"name", "Стол (дуб)"}})}}});
    auto counts = importScript(db, catalog(false, {product("p1", "Стол")}));
    BOOST_TEST(counts.deactivated == 0);
    BOOST_TEST(*db.text("SELECT COUNT(*) FROM product v JOIN product p ON p.id = v.parent_id "
                        "WHERE v.active = 1") == "1");
}

CRMSYNC_TEST_ON_BOTH(unreadable_source_applies_nothing_and_never_deactivates) {
    TestDatabase db(backend);
    importScript(db, catalog(false, {product("p1", "Стол"), product("p2", "Стул")}));
    long long rows_before = db.totalRows();

    std::vector<std::unique_ptr<core::RecordSource>> sources;
    auto source = std::make_unique<ScriptedSource>(
        catalog(false, {product("p1", "Стол новый"), product("p3", "Шкаф")}));
    source->failAfter(3, 77, "Premature end of data in tag Товар line 70");
    sources.push_back(std::move(source));
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", sources);

    BOOST_TEST(!report.ok);
    BOOST_TEST(report.sources.at(0).error ==
               "scripted.xml:77: Premature end of data in tag Товар line 70");
    BOOST_TEST(db.totalRows() == rows_before);
    BOOST_TEST(*db.text("SELECT name FROM product p JOIN binding b ON b.crm_id = p.id WHERE "
                        "b.entity = 'product' AND b.onec_key = 'p1'") == "Стол");
    auto run = db.store().runs().find(report.run_id);
    BOOST_REQUIRE(run.has_value());
    BOOST_TEST(run->status == "failed");
    BOOST_TEST(run->error == "scripted.xml:77: Premature end of data in tag Товар line 70");
}

CRMSYNC_TEST_ON_BOTH(bad_records_go_to_quarantine_with_line_and_reason_and_the_rest_applies) {
    TestDatabase db(backend);
    auto script = catalog(true, {product("p1", "Стол"), product("", "Без кода")});
    script.push_back({package("offers", true, {"price"}),
                      {price("p1", "1250.50"), price("p1", "12,5"), price("p1", "99", "pt-unknown"),
                       price("p-missing", "10")}});
    auto counts = importScript(db, script);

    BOOST_TEST(counts.quarantined == 4);
    BOOST_TEST(counts.inserted == 4);  // group, price type, p1, one good price
    auto rows = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(rows.size() == 4u);
    BOOST_TEST(rows[0].reason == "record has no 1C id");
    BOOST_TEST(rows[0].source_line == 13u);
    BOOST_TEST(rows[1].reason ==
               "value: invalid decimal '12,5' (expected digits with '.' as the separator)");
    BOOST_TEST(rows[1].source_file == "scripted.xml");
    BOOST_TEST(rows[2].reason == "price_type: unknown price_type 'pt-unknown'");
    BOOST_TEST(rows[3].reason == "product: unknown product 'p-missing'");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM price") == 1);
    BOOST_TEST(*db.text("SELECT value FROM price") == "1250.5");
}

CRMSYNC_TEST_ON_BOTH(a_bad_record_sent_again_stays_one_entry_and_its_fix_closes_it) {
    TestDatabase db(backend);
    auto bad = catalog(true, {product("p1", "Стол")});
    bad.push_back({package("offers", true, {"price"}), {price("p1", "12,5")}});
    BOOST_TEST(importScript(db, bad).quarantined == 1);
    BOOST_TEST(importScript(db, bad).quarantined == 1);  // refused again, not stored again
    auto rows = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(!rows[0].resolved_run_id.has_value());
    BOOST_TEST(db.store().quarantine().openKeys().size() == 1u);

    auto fixed = catalog(true, {product("p1", "Стол")});
    fixed.push_back({package("offers", true, {"price"}), {price("p1", "12.5")}});
    auto counts = importScript(db, fixed);
    BOOST_TEST(counts.inserted == 1);
    BOOST_TEST(counts.quarantined == 0);
    rows = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(rows[0].resolved_run_id.has_value());
    BOOST_TEST(db.store().quarantine().openKeys().empty());
    BOOST_TEST(*db.text("SELECT value FROM price") == "12.5");
}

CRMSYNC_TEST_ON_BOTH(a_new_mapping_version_applies_every_record_once_more) {
    TestDatabase db(backend);
    auto script = catalog(true, {product("p1", "Стол"), product("p2", "Стул")});
    importScript(db, script);
    auto bound_hash = [&] { return *db.text("SELECT content_hash FROM binding WHERE onec_key = 'p1'"); };
    std::string hash_before = bound_hash();
    long long journal = db.tableRows("journal");

    // The shipped mapping with a comment added: same rules, another version.
    std::string text = test::readFile(std::filesystem::path(CRMSYNC_SOURCE_DIR) / "config" /
                                "mappings" / "commerceml-ut11.xml");
    auto loaded = mapping::loadMappingText(text + "<!-- edited -->\n", "commerceml-ut11.xml");
    BOOST_REQUIRE(loaded.mapping.has_value());
    const mapping::Mapping& renewed = *loaded.mapping;
    BOOST_REQUIRE(renewed.version != mapping::builtinCommerceMlMapping().version);
    auto counts = importScript(db, script, {}, renewed);
    // Applied again (the binding now names the new mapping), but the CRM values are the same,
    // so nothing is journalled.
    BOOST_TEST(counts.unchanged == counts.read);
    BOOST_TEST(db.tableRows("journal") == journal);
    std::string hash_after = bound_hash();
    BOOST_TEST(hash_after != hash_before);
    importScript(db, script, {}, renewed);
    BOOST_TEST(bound_hash() == hash_after);
}

CRMSYNC_TEST_ON_BOTH(applies_in_several_batches_with_the_same_result) {
    TestDatabase db(backend);
    sync::ImportOptions options;
    options.batch_size = 2;
    options.lookup_batch = 3;
    std::vector<core::Record> products;
    for (int i = 0; i < 9; ++i) {
        products.push_back(product("p" + std::to_string(i), "Товар " + std::to_string(i)));
    }
    auto counts = importScript(db, catalog(false, products), options);
    BOOST_TEST(counts.inserted == 11);
    BOOST_TEST(db.tableRows("product") == 9);
    counts = importScript(db, catalog(false, products), options);
    BOOST_TEST(counts.unchanged == 11);
}

// On PostgreSQL a run's batches commit without waiting for the WAL flush, and the run's end
// (its record) commits durably, which makes every batch before it durable too (durability.h).
// A trigger notes the setting each write was made under.
BOOST_AUTO_TEST_CASE(a_run_s_batches_commit_without_a_wal_flush_and_its_end_with_one,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    TestDatabase db(test::Backend::Postgres);
    // The test server runs with synchronous_commit off for speed: this database gets the
    // server's usual default, for the connections opened from now on.
    db.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = on', "
               "current_database()); END $$");
    db.execute("CREATE TABLE commit_mode (tbl TEXT NOT NULL, setting TEXT NOT NULL)");
    db.execute(R"(CREATE FUNCTION note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO commit_mode VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));
    RETURN NULL;
END $$)");
    for (const char* table : {"product", "sync_run"}) {
        db.execute(std::string("CREATE TRIGGER note_commit_mode AFTER INSERT OR UPDATE ON ") +
                   table + " FOR EACH ROW EXECUTE FUNCTION note_commit_mode()");
    }
    sync::ImportOptions options;
    options.batch_size = 2;
    std::vector<core::Record> products;
    for (int i = 0; i < 7; ++i) {
        products.push_back(product("p" + std::to_string(i), "Товар " + std::to_string(i)));
    }
    auto store = crmdb::SociCrmStore::open(db.url());
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<ScriptedSource>(catalog(false, products)));
    auto report = sync::Importer(*store, mapping::builtinCommerceMlMapping(), options)
                      .run("test", sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);

    BOOST_TEST(db.count("SELECT COUNT(*) FROM commit_mode WHERE tbl = 'product'") == 7);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM commit_mode "
                        "WHERE tbl = 'product' AND setting = 'off'") == 7);
    // The run's row: opened, then finished, each by a commit that waits for the flush.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM commit_mode WHERE tbl = 'sync_run'") >= 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM commit_mode "
                        "WHERE tbl = 'sync_run' AND setting <> 'on'") == 0);
    // And the session's own setting is left as it was, for every other transaction.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM commit_mode") ==
               db.count("SELECT COUNT(*) FROM commit_mode WHERE tbl = 'product'") +
                   db.count("SELECT COUNT(*) FROM commit_mode WHERE tbl = 'sync_run'"));
}

// On PostgreSQL the batch mapped while the one before commits is written on a second
// connection, its new rows sent during that commit: two server backends write the run's rows,
// and the journal still lists them in the order of application (its rows go at each commit).
BOOST_AUTO_TEST_CASE(a_run_s_batches_are_written_by_two_backends_in_order,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    TestDatabase db(test::Backend::Postgres);
    db.execute("CREATE TABLE writer (pid INTEGER NOT NULL)");
    db.execute(R"(CREATE FUNCTION note_writer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO writer VALUES (pg_backend_pid());
    RETURN NULL;
END $$)");
    db.execute("CREATE TRIGGER note_writer AFTER INSERT ON product FOR EACH ROW "
               "EXECUTE FUNCTION note_writer()");
    sync::ImportOptions options;
    options.batch_size = 3;
    std::vector<core::Record> products;
    for (int i = 10; i < 40; ++i) {  // keys sort as they come: p10 .. p39
        products.push_back(product("p" + std::to_string(i), "Товар " + std::to_string(i)));
    }
    auto counts = importScript(db, catalog(false, products), options);
    BOOST_TEST(counts.inserted == 32);
    BOOST_TEST(db.tableRows("product") == 30);
    BOOST_TEST(db.count("SELECT COUNT(DISTINCT pid) FROM writer") == 2);
    // In the order of application: seq and key ascend together.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM (SELECT onec_key, LAG(onec_key) OVER (ORDER BY "
                        "seq) AS before FROM journal WHERE entity = 'product') j "
                        "WHERE before IS NOT NULL AND before > onec_key") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE entity = 'product'") == 30);
    BOOST_TEST(importScript(db, catalog(false, products), options).unchanged == 32);
}

// Pass one's lookups go out on every lookup index the store has (on PostgreSQL both of its
// connections), several at once; the records still reach the spool, and so the database, in
// the order they came.
CRMSYNC_TEST_ON_BOTH(lookups_in_flight_together_keep_the_records_in_order) {
    TestDatabase db(backend);
    BOOST_TEST(db.store().lookupIndexes().size() ==
               (backend == test::Backend::Postgres ? 2u : 1u));
    sync::ImportOptions options;
    options.batch_size = 4;
    options.lookup_batch = 2;
    std::vector<core::Record> products;
    for (int i = 10; i < 40; ++i) {
        products.push_back(product("p" + std::to_string(i), "Товар " + std::to_string(i)));
    }
    importScript(db, catalog(false, products), options);
    for (std::size_t i = 0; i < products.size(); i += 3) {
        products[i] = product(products[i].key, "Изменён " + products[i].key);
    }
    auto counts = importScript(db, catalog(false, products), options);
    BOOST_TEST(counts.updated == 10);
    BOOST_TEST(counts.unchanged == 22);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product WHERE name LIKE 'Изменён%'") == 10);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM (SELECT onec_key, LAG(onec_key) OVER (ORDER BY "
                        "seq) AS before FROM journal WHERE entity = 'product' AND op = 'update') "
                        "j WHERE before IS NOT NULL AND before > onec_key") == 0);
}

// A run of two files, the second read ahead (as crmsync import reads offers.xml while
// import.xml is applied): the catalog, then a full offers package with its own file name.
struct TwoFiles {
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    ScriptedSource* catalog_file = nullptr;
    ScriptedSource* offers_file = nullptr;
};

TwoFiles twoFiles(std::vector<core::Record> products, std::vector<core::Record> prices) {
    TwoFiles files;
    auto catalog_file = std::make_unique<ScriptedSource>(catalog(true, std::move(products)));
    auto offers_file = std::make_unique<ScriptedSource>(
        std::vector<ScriptedPackage>{{package("offers", false, {"price"}), std::move(prices)}},
        "offers.xml");
    catalog_file->allowReadAhead();
    offers_file->allowReadAhead();
    files.catalog_file = catalog_file.get();
    files.offers_file = offers_file.get();
    files.sources.push_back(std::move(catalog_file));
    files.sources.push_back(std::move(offers_file));
    return files;
}

CRMSYNC_TEST_ON_BOTH(a_file_read_ahead_applies_as_if_read_in_turn) {
    TestDatabase db(backend);
    auto files = twoFiles({product("p1", "Стол"), product("p2", "Стул")},
                          {price("p1", "100"), price("p2", "200.50")});
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", files.sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    // The first file is read in turn; the second one was read ahead, on another thread.
    BOOST_TEST(files.offers_file->readOn() != std::this_thread::get_id());
    BOOST_TEST(report.sources.at(1).counts.read == 2);
    BOOST_TEST(report.sources.at(1).counts.inserted == 2);
    BOOST_TEST(*db.text("SELECT p.value FROM price p JOIN binding b ON b.crm_id = p.id WHERE "
                        "b.entity = 'price' AND b.onec_key = 'p2|pt-retail'") == "200.5");
    BOOST_TEST(*db.text("SELECT lineage FROM journal WHERE entity = 'price' AND "
                        "onec_key = 'p2|pt-retail'") == "offers.xml:11");

    // Again without p2's price: the full offers package, replayed from the read-ahead, still
    // knows it is full and which keys it held, so only p2's price is deactivated.
    auto again = twoFiles({product("p1", "Стол"), product("p2", "Стул")}, {price("p1", "100")});
    report = importer.run("test", again.sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    BOOST_TEST(report.sources.at(1).counts.unchanged == 1);
    BOOST_TEST(report.sources.at(1).counts.deactivated == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM price WHERE active = 1") == 1);
}

CRMSYNC_TEST_ON_BOTH(a_long_file_read_ahead_is_replayed_whole_and_in_order) {
    TestDatabase db(backend);
    // Thousands of events: the replay follows the read-ahead file over many publications.
    std::vector<core::Record> products;
    for (int i = 0; i < 2500; ++i) {
        products.push_back(product("n" + std::to_string(i), "Товар " + std::to_string(i)));
    }
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<ScriptedSource>(catalog(true, {product("p1", "Стол")})));
    auto more = std::make_unique<ScriptedSource>(
        std::vector<ScriptedPackage>{{package("catalog", true, {"product"}), products}},
        "more.xml");
    more->allowReadAhead();
    sources.push_back(std::move(more));
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    BOOST_TEST(report.sources.at(1).counts.inserted == 2500);
    BOOST_TEST(db.tableRows("product") == 2501);
    // Journal order is file order: the last product of the file has the last journal row.
    BOOST_TEST(*db.text("SELECT onec_key FROM journal ORDER BY seq DESC LIMIT 1") == "n2499");
    BOOST_TEST(*db.text("SELECT lineage FROM journal WHERE onec_key = 'n1234'") == "more.xml:1244");
}

// A file is read ahead, but filtered only after the file before it was applied: its records are
// compared with what that file wrote, not with what was stored when the reading began.
CRMSYNC_TEST_ON_BOTH(a_file_read_ahead_is_filtered_against_what_the_file_before_wrote) {
    TestDatabase db(backend);
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto first = twoFiles({product("p1", "Стол")}, {price("p1", "90")});
    BOOST_REQUIRE(importer.run("test", first.sources).ok);

    // The first file of the next run moves the price to 100, the second one back to 90: read
    // ahead against the stored 90, the second file's price looked unchanged, but it is not.
    auto script = catalog(true, {product("p1", "Стол")});
    script.push_back({package("offers", true, {"price"}), {price("p1", "100")}});
    auto next = twoFiles({}, {price("p1", "90")});
    next.sources[0] = std::make_unique<ScriptedSource>(std::move(script));
    auto report = importer.run("test", next.sources);
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    BOOST_TEST(report.sources.at(0).counts.updated == 1);
    BOOST_TEST(report.sources.at(1).counts.updated == 1);
    BOOST_TEST(*db.text("SELECT value FROM price") == "90");
}

CRMSYNC_TEST_ON_BOTH(a_file_read_ahead_that_turns_out_bad_applies_nothing_and_keeps_the_first) {
    TestDatabase db(backend);
    auto files = twoFiles({product("p1", "Стол")}, {price("p1", "100"), price("p1", "90")});
    files.offers_file->failAfter(1, 40, "Premature end of data in tag Предложение line 38");
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", files.sources);

    BOOST_TEST(!report.ok);
    BOOST_REQUIRE(report.sources.size() == 2u);
    BOOST_TEST(report.sources[0].ok);
    BOOST_TEST(report.sources[1].error ==
               "offers.xml:40: Premature end of data in tag Предложение line 38");
    BOOST_TEST(report.sources[1].counts.read == 1);  // the events before the error were replayed
    BOOST_TEST(db.tableRows("product") == 1);
    BOOST_TEST(db.tableRows("price") == 0);
    BOOST_TEST(db.store().runs().find(report.run_id)->status == "failed");
}

CRMSYNC_TEST_ON_BOTH(when_a_file_fails_the_file_read_ahead_after_it_is_dropped) {
    TestDatabase db(backend);
    std::vector<core::Record> prices;
    for (int i = 0; i < 3000; ++i) {
        prices.push_back(price("p1", std::to_string(i), "pt-" + std::to_string(i)));
    }
    auto files = twoFiles({product("p1", "Стол")}, std::move(prices));
    files.catalog_file->failAfter(2, 12, "Opening and ending tag mismatch: Товар and Товары");
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", files.sources);

    BOOST_TEST(!report.ok);
    BOOST_TEST(report.sources.size() == 1u);  // the offers were never imported
    BOOST_TEST(db.tableRows("product") == 0);
    BOOST_TEST(db.tableRows("price") == 0);
    BOOST_TEST(db.tableRows("quarantine") == 0);
}

// A price that came before its product: refused ("unknown product"); once the product is
// there, replaying the price as received applies it and closes its entry.
CRMSYNC_TEST_ON_BOTH(replaying_a_record_refused_for_a_missing_reference_applies_it_once_it_exists) {
    TestDatabase db(backend);
    auto early = catalog(true, {product("p1", "Стол")});
    early.push_back({package("offers", true, {"price"}), {price("p2", "990.00")}});
    BOOST_TEST(importScript(db, early).quarantined == 1);
    auto entry = db.store().quarantine().list(std::nullopt).at(0);
    BOOST_TEST(entry.reason == "product: unknown product 'p2'");

    auto still = sync::replayQuarantined(db.store(), mapping::builtinCommerceMlMapping(), entry);
    BOOST_TEST(!still.applied);
    BOOST_TEST(still.reason == "product: unknown product 'p2'");
    BOOST_TEST(db.tableRows("price") == 0);
    BOOST_TEST(db.store().quarantine().list(std::nullopt).size() == 1u);  // not stored twice

    importScript(db, catalog(true, {product("p2", "Стул", "A-2")}));
    auto replayed =
        sync::replayQuarantined(db.store(), mapping::builtinCommerceMlMapping(), entry);
    BOOST_TEST(replayed.applied);
    BOOST_TEST(replayed.reason.empty());
    auto closed = db.store().quarantine().find(entry.id);
    BOOST_REQUIRE(closed.has_value());
    BOOST_REQUIRE(closed->resolved_run_id.has_value());
    BOOST_TEST(*closed->resolved_run_id == replayed.run_id);
    BOOST_TEST(db.store().runs().find(replayed.run_id)->kind == "replay");
    BOOST_TEST(*db.text("SELECT value FROM price") == "990");
    // Journaled as any applied record, with where it first came from.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE run_id = " +
                        std::to_string(replayed.run_id) +
                        " AND entity = 'price' AND op = 'insert' AND lineage LIKE 'scripted.xml:%'") ==
               1);
}

// A trigger of the CRM's own refuses one product. The transaction of its batch rolls back whole;
// the batch is applied again in halves until that record stands alone: it is quarantined with the
// database's reason, every other record applies once (one journal row each, nothing twice), and
// once the CRM lets it in, the next import applies it and closes its quarantine entry.
CRMSYNC_TEST_ON_BOTH(a_row_the_database_refuses_is_quarantined_and_the_rest_of_its_batch_applies) {
    TestDatabase db(backend);
    if (backend == crmsync::test::Backend::Postgres) {
        db.execute(R"(CREATE FUNCTION crm_rule() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name = 'Зарезервировано' THEN
        RAISE EXCEPTION 'CRM rule: the name % is reserved', NEW.name;
    END IF;
    RETURN NEW;
END $$)");
        db.execute("CREATE TRIGGER crm_rule BEFORE INSERT OR UPDATE ON product FOR EACH ROW "
                   "EXECUTE FUNCTION crm_rule()");
    } else {
        db.execute("CREATE TRIGGER crm_rule BEFORE INSERT ON product "
                   "WHEN NEW.name = 'Зарезервировано' "
                   "BEGIN SELECT RAISE(ABORT, 'CRM rule: the name is reserved'); END");
    }
    std::vector<core::Record> products;
    for (int i = 1; i <= 20; ++i) {
        products.push_back(product("p" + std::to_string(i),
                                   i == 6 ? "Зарезервировано" : "Товар " + std::to_string(i)));
    }
    sync::ImportOptions options;
    // p3..p6 share a batch with the refused p6; on PostgreSQL its commit fails in the
    // background while p7..p10 are mapped and p11..p14 read: both must still apply.
    options.batch_size = 4;
    auto counts = importScript(db, catalog(true, products), options);
    BOOST_TEST(counts.inserted == 21);  // the group, the price type, nineteen products
    BOOST_TEST(counts.quarantined == 1);
    BOOST_TEST(db.tableRows("product") == 19);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'product'") == 19);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE entity = 'product' AND op = 'insert'") ==
               19);
    BOOST_TEST(db.count("SELECT COUNT(DISTINCT onec_key) FROM journal WHERE entity = 'product' "
                        "AND op = 'insert'") == 19);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE entity = 'product' AND op = 'insert' "
                        "AND onec_key = 'p6'") == 0);
    auto rows = db.store().quarantine().list(std::nullopt);
    BOOST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(rows[0].onec_key == "p6");
    BOOST_TEST(rows[0].reason.find("CRM rule: the name") != std::string::npos, rows[0].reason);
    BOOST_TEST(rows[0].reason.find("insert") != std::string::npos, rows[0].reason);

    db.execute(backend == crmsync::test::Backend::Postgres ? "DROP TRIGGER crm_rule ON product"
                                                           : "DROP TRIGGER crm_rule");
    counts = importScript(db, catalog(true, products), options);
    BOOST_TEST(counts.inserted == 1);
    BOOST_TEST(counts.quarantined == 0);
    BOOST_TEST(db.tableRows("product") == 20);
    BOOST_TEST(db.store().quarantine().openKeys().empty());
}

// Pass one judged p1..p3 new (no binding, first in the source), so the applier binds them
// without looking again; but another writer bound p2 since. The database refuses the second
// binding of p2 (neither overwritten nor a second row), the batch is done again with every key
// looked up, and p2 is updated in the other writer's row.
CRMSYNC_TEST_ON_BOTH(a_key_another_writer_bound_after_pass_one_is_not_bound_twice) {
    TestDatabase db(backend);
    const auto& mapping = mapping::builtinCommerceMlMapping();
    importScript(db, catalog(true, {product("p2", "Товар другого")}));  // the other writer
    std::vector<sync::SpooledRecord> batch;
    for (int i = 1; i <= 3; ++i) {
        core::Record record = product("p" + std::to_string(i), "Товар " + std::to_string(i));
        record.origin = {"late.xml", static_cast<std::size_t>(10 + i)};
        std::string hash = sync::digestRecord(record, mapping.version).binding_hash;
        batch.push_back({std::move(record), std::move(hash), /*new_key=*/true});
    }
    sync::BatchApplier applier(sync::ApplyContext{99, "1c", &mapping, nullptr});
    sync::commitBatch(db.store(), applier, batch);

    BOOST_TEST(db.tableRows("product") == 3);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'product'") == 3);
    BOOST_TEST(db.store().quarantine().openKeys().empty());
    BOOST_TEST(*db.text("SELECT p.name FROM product p JOIN binding b ON b.crm_id = p.id "
                        "WHERE b.entity = 'product' AND b.onec_key = 'p2'") == "Товар 2");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE onec_key = 'p2' AND op = 'insert'") ==
               1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE run_id = 99 AND onec_key = 'p2' AND "
                        "op = 'update'") == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE run_id = 99 AND op = 'insert'") == 2);
}

// A failure that is not the data's (here the product table is gone) is not split record by record
// into quarantine: the source fails, its committed batches kept.
CRMSYNC_TEST_ON_BOTH(a_failure_that_is_not_the_datas_fails_the_source_and_quarantines_nothing) {
    TestDatabase db(backend);
    db.execute("DROP TABLE stock");
    db.execute("DROP TABLE price");
    db.execute("DROP TABLE order_line");
    db.execute("ALTER TABLE product RENAME TO product_gone");
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<ScriptedSource>(
        catalog(true, {product("p1", "Стол"), product("p2", "Стул")})));
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", sources);
    BOOST_TEST(!report.ok);
    BOOST_TEST(db.tableRows("quarantine") == 0);
}

CRMSYNC_TEST_ON_BOTH(replaying_a_record_the_mapping_still_refuses_says_why_and_keeps_it_open) {
    TestDatabase db(backend);
    auto bad = catalog(true, {product("p1", "Стол")});
    bad.push_back({package("offers", true, {"price"}), {price("p1", "12,5")}});
    importScript(db, bad);
    auto entry = db.store().quarantine().list(std::nullopt).at(0);
    auto outcome = sync::replayQuarantined(db.store(), mapping::builtinCommerceMlMapping(), entry);
    BOOST_TEST(!outcome.applied);
    BOOST_TEST(outcome.reason ==
               "value: invalid decimal '12,5' (expected digits with '.' as the separator)");
    BOOST_TEST(!db.store().quarantine().find(entry.id)->resolved_run_id.has_value());

    entry.record_json = "[1, 2]";
    BOOST_CHECK_THROW(sync::quarantinedRecord(entry), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
