// The daemon's mapping file, watched: a valid new version changes the next run and is named in
// its journal rows; an invalid one is refused with its errors and the old one stays in force.
// Runs take a snapshot of the watcher's mapping as the daemon's jobs do.
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <Poco/Process.h>
#include <Poco/Thread.h>

#include "adapters/crmdb/soci_crm_store.h"
#include "app/database_columns.h"
#include "app/import_inputs.h"
#include "app/mapping_watcher.h"
#include "crmcore/error.h"
#include "mapping/embedded_files.h"
#include "mapping/mapping_file.h"
#include "sync/importer.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
using Outcome = app::MappingWatcher::Outcome;
namespace fs = std::filesystem;

namespace {

const std::string kDeskKey = "9a4b7e01-d9b1-11ee-8f3c-00155d0a6401";
const std::string kProductName = R"(<field source="Наименование" target="name"/>)";

// The shipped mapping with the first `from` inside the product entity replaced by `to`.
std::string shippedWithProductField(const std::string& from, const std::string& to) {
    std::string text(mapping::kCommerceMlUt11Mapping);
    auto at = text.find(from, text.find(R"(<entity name="product" )"));
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// One run over `file` with the mapping in force when it starts, as the drop-folder job runs.
std::int64_t importWith(const app::MappingWatcher& watcher, TestDatabase& db,
                        const fs::path& file) {
    auto rules = watcher.current();
    app::ImportInputs inputs({file});
    sync::Importer importer(db.store(), *rules);
    auto report = importer.run("test", inputs.sources());
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    return report.run_id;
}

std::string deskName(TestDatabase& db) {
    return *db.text("SELECT p.name FROM product p JOIN binding b ON b.crm_id = p.id WHERE "
                    "b.entity = 'product' AND b.onec_key = '" + kDeskKey + "'");
}

long long journalRows(TestDatabase& db, std::int64_t run, const std::string& version) {
    return db.count("SELECT COUNT(*) FROM journal WHERE run_id = " + std::to_string(run) +
                    " AND mapping_version = '" + version + "'");
}

// Waits (polling another process, so nothing to inject) until `file` was taken from the drop
// folder and moved to done/.
bool waitUntilDone(const fs::path& drop, const std::string& file) {
    for (int attempt = 0; attempt < 300; ++attempt) {
        for (const auto& entry : fs::directory_iterator(drop / "done")) {
            const std::string name = entry.path().filename().string();
            if (name.size() > file.size() && name.ends_with("-" + file)) {
                return true;
            }
        }
        Poco::Thread::sleep(100);
    }
    return false;
}

// The mapping version of the desk's journal rows, in order.
std::vector<std::string> deskJournalVersions(const std::string& url) {
    auto store = crmdb::SociCrmStore::open(url);
    core::JournalQuery query;
    query.entity = "product";
    query.onec_key = kDeskKey;
    std::vector<std::string> versions;
    store->journal().read(query, [&versions](const core::JournalRow& row) {
        versions.push_back(row.mapping_version);
    });
    return versions;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping_reload)

CRMSYNC_TEST_ON_BOTH(a_reloaded_mapping_changes_the_next_run) {
    TestDatabase db(backend);
    TempDir dir;
    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    app::MappingWatcher watcher(dir / "mapping.xml");
    std::string first = watcher.current()->version;
    importWith(watcher, db, own("import.xml"));
    BOOST_TEST(deskName(db) == "Стол письменный");

    writeFile(dir / "mapping.xml",
              shippedWithProductField(kProductName,
                                      R"(<field source="ПолноеНаименование" target="name"/>)"));
    BOOST_TEST((watcher.poll().outcome == Outcome::Reloaded));
    std::string second = watcher.current()->version;
    BOOST_TEST(second != first);
    auto run = importWith(watcher, db, own("import.xml"));

    BOOST_TEST(deskName(db) == "Стол письменный дубовый 1200x600 с двумя ящиками");
    BOOST_TEST(journalRows(db, run, second) > 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE run_id = " + std::to_string(run)) ==
               journalRows(db, run, second));
}

CRMSYNC_TEST_ON_BOTH(an_invalid_reload_is_refused_and_the_old_mapping_stays_in_force) {
    TestDatabase db(backend);
    TempDir dir;
    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    app::MappingWatcher watcher(dir / "mapping.xml");
    std::string first = watcher.current()->version;
    importWith(watcher, db, own("import.xml"));

    writeFile(dir / "mapping.xml", shippedWithProductField(R"(target="article")",
                                                           R"(target="no_such_column")"));
    auto refused = watcher.poll();
    BOOST_TEST((refused.outcome == Outcome::Refused));
    BOOST_TEST(refused.errors.find((dir / "mapping.xml").string() + ":") == 0);
    const std::string problem = ": table 'product' has no column 'no_such_column'\n";
    BOOST_TEST(refused.errors.size() > problem.size());
    BOOST_TEST(refused.errors.substr(refused.errors.size() - problem.size()) == problem);
    BOOST_TEST((watcher.poll().outcome == Outcome::Unchanged));  // reported once
    BOOST_TEST(watcher.current()->version == first);

    const std::string name = "<Наименование>Стол письменный<";
    std::string edited = readFile(own("import.xml"));
    edited.replace(edited.find(name), name.size(), "<Наименование>Стол письменный дубовый<");
    writeFile(dir / "import.xml", edited);
    auto run = importWith(watcher, db, dir / "import.xml");
    BOOST_TEST(deskName(db) == "Стол письменный дубовый");
    BOOST_TEST(journalRows(db, run, first) == 1);
}

BOOST_AUTO_TEST_CASE(serve_takes_an_edited_mapping_file_at_the_next_drop_folder_run) {
    TempDir tmp;
    std::string url = "sqlite://" + (tmp / "crm.db").string();
    const std::string shipped(mapping::kCommerceMlUt11Mapping);
    const std::string full_names = shippedWithProductField(
        kProductName, R"(<field source="ПолноеНаименование" target="name"/>)");
    writeFile(tmp / "mapping.xml", shipped);
    writeFile(tmp / "crmsync.ini",
              "[database]\nurl = " + url + "\n[drop_folder]\npath = " + (tmp / "drop").string() +
                  "\npoll_seconds = 1\n[http]\nlisten = 127.0.0.1:0\n[exchange]\nenabled = false\n"
                  "[mapping]\nfile = " + (tmp / "mapping.xml").string() + "\npoll_seconds = 1\n");
    auto daemon = Poco::Process::launch(
        CRMSYNC_BINARY, {"serve", "--config", (tmp / "crmsync.ini").string()}, tmp.path().string(),
        nullptr, nullptr, nullptr);
    for (int attempt = 0; attempt < 100 && !fs::exists(tmp / "drop" / "done"); ++attempt) {
        Poco::Thread::sleep(50);
    }
    fs::copy_file(own("import.xml"), tmp / "drop" / "import-1.xml");
    BOOST_REQUIRE(waitUntilDone(tmp / "drop", "import-1.xml"));
    const std::string first = mapping::mappingVersion((tmp / "mapping.xml").string(), shipped);
    const std::string second = mapping::mappingVersion((tmp / "mapping.xml").string(), full_names);

    writeFile(tmp / "mapping.xml", full_names);
    // The watcher looks every second; a file dropped before it did runs with the old mapping
    // and changes nothing, so drop the same file again until a run shows the new version.
    std::vector<std::string> versions;
    for (int drop = 2; drop <= 6 && versions.size() < 2; ++drop) {
        std::string name = "import-" + std::to_string(drop) + ".xml";
        fs::copy_file(own("import.xml"), tmp / "drop" / name);
        BOOST_REQUIRE(waitUntilDone(tmp / "drop", name));
        versions = deskJournalVersions(url);
    }
    ::kill(daemon.id(), SIGTERM);
    BOOST_TEST(daemon.wait() == 0);

    BOOST_TEST(versions == (std::vector<std::string>{first, second}));
}

BOOST_AUTO_TEST_CASE(a_file_saved_again_unchanged_is_not_reloaded) {
    TempDir dir;
    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    app::MappingWatcher watcher(dir / "mapping.xml");
    auto before = watcher.current();
    BOOST_TEST((watcher.poll().outcome == Outcome::Unchanged));

    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    fs::last_write_time(dir / "mapping.xml", fs::last_write_time(dir / "mapping.xml") +
                                                 std::chrono::seconds(5));
    BOOST_TEST((watcher.poll().outcome == Outcome::Unchanged));
    BOOST_TEST(watcher.current() == before);
}

BOOST_AUTO_TEST_CASE(a_file_that_comes_back_valid_after_a_refusal_is_taken) {
    TempDir dir;
    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    app::MappingWatcher watcher(dir / "mapping.xml");
    fs::remove(dir / "mapping.xml");
    BOOST_TEST((watcher.poll().outcome == Outcome::Refused));

    writeFile(dir / "mapping.xml",
              shippedWithProductField(kProductName,
                                      R"(<field source="ПолноеНаименование" target="name"/>)"));
    BOOST_TEST((watcher.poll().outcome == Outcome::Reloaded));
}

BOOST_AUTO_TEST_CASE(an_invalid_file_at_start_is_a_config_error_with_every_problem) {
    TempDir dir;
    writeFile(dir / "mapping.xml", shippedWithProductField(R"(target="article")",
                                                           R"(target="no_such_column")"));
    BOOST_CHECK_EXCEPTION(app::MappingWatcher(dir / "mapping.xml"), ConfigError,
                          [&](const ConfigError& e) {
                              return std::string(e.what()).find("no_such_column") !=
                                     std::string::npos;
                          });
}

CRMSYNC_TEST_ON_BOTH(a_column_added_while_the_daemon_runs_can_be_targeted_by_the_next_edit) {
    TestDatabase db(backend);
    TempDir dir;
    writeFile(dir / "mapping.xml", std::string(mapping::kCommerceMlUt11Mapping));
    // Read at every load, as the daemon wires it (app/database_columns.h).
    app::MappingWatcher watcher(dir / "mapping.xml",
                                [&db] { return app::readDatabaseColumns(db.url()); });
    const std::string with_kind =
        kProductName + "\n    <field source=\"ЗначенияРеквизитов/ЗначениеРеквизита["
                       "Наименование='ВидНоменклатуры']/Значение\" target=\"product_kind\"/>";
    writeFile(dir / "mapping.xml", shippedWithProductField(kProductName, with_kind));
    auto refused = watcher.poll();
    BOOST_TEST((refused.outcome == Outcome::Refused));
    BOOST_TEST(refused.errors.find("table 'product' has no column 'product_kind'") !=
                   std::string::npos,
               refused.errors);

    db.execute("ALTER TABLE product ADD COLUMN product_kind TEXT");
    writeFile(dir / "mapping.xml", shippedWithProductField(kProductName, with_kind + " "));
    BOOST_TEST((watcher.poll().outcome == Outcome::Reloaded));
    importWith(watcher, db, own("import.xml"));
    BOOST_TEST(*db.text("SELECT p.product_kind FROM product p JOIN binding b ON b.crm_id = p.id "
                        "WHERE b.entity = 'product' AND b.onec_key = '" + kDeskKey + "'") ==
               "Мебель");
}

BOOST_AUTO_TEST_CASE(without_a_file_the_built_in_mapping_is_in_force) {
    app::MappingWatcher watcher("");
    BOOST_TEST(watcher.current().get() == &mapping::builtinCommerceMlMapping());
    BOOST_TEST((watcher.poll().outcome == Outcome::Unchanged));
}

BOOST_AUTO_TEST_SUITE_END()
