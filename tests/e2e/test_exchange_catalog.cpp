// 1C's catalog exchange over real HTTP on loopback, driven by the 1C emulator: every real
// fixture set pushed plain and zipped in small parts ends in the same CRM rows as a direct
// import; a file already imported is acknowledged, not applied again; sessions and uploads
// survive a restart.
#include <boost/test/unit_test.hpp>


#include "tests/e2e/exchange_harness.h"
#include "tests/e2e/import_helpers.h"
#include "tests/support/synthetic_catalog.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kSmallChunk = 7 * 1024;

void checkPushEqualsDirectImport(Backend backend, const fs::path& set, bool zip) {
    BOOST_TEST_CONTEXT("fixture set " << set.string() << (zip ? " zipped" : " plain")) {
        TestDatabase direct(backend);
        auto report = importPaths(direct, {set});
        BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);

        ExchangeHarness exchange(backend);
        auto client = exchange.client();
        emulator::CatalogPushOptions options;
        options.zip = zip;
        options.chunk = kSmallChunk;
        auto pushed = emulator::pushCatalog(client, emulator::exchangeFilesIn(set), options);
        BOOST_REQUIRE_MESSAGE(pushed.ok, pushed.failure);
        auto expected = crmContent(direct);
        BOOST_TEST(expected.size() > 1u);
        BOOST_TEST(crmContent(exchange.db()) == expected, boost::test_tools::per_element());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exchange_catalog)

BOOST_AUTO_TEST_CASE(every_real_fixture_set_pushed_through_the_endpoint_equals_a_direct_import,
                     *boost::unit_test::precondition(sharedFixturesPresent)) {
    auto sets = realFixtureSets();
    BOOST_TEST(sets.size() >= 8u);
    for (const auto& set : sets) {
        checkPushEqualsDirectImport(Backend::Sqlite, set, false);
        checkPushEqualsDirectImport(Backend::Sqlite, set, true);
    }
}

BOOST_AUTO_TEST_CASE(every_real_fixture_set_pushed_into_postgresql_equals_a_direct_import,
                     *boost::unit_test::precondition(sharedFixturesPresent) *
                         boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(postgresPresent)) {
    for (const auto& set : realFixtureSets()) {
        checkPushEqualsDirectImport(Backend::Postgres, set, false);
        checkPushEqualsDirectImport(Backend::Postgres, set, true);
    }
}

CRMSYNC_TEST_ON_BOTH(import_answers_progress_until_done_then_success_with_counts) {
    // A zero step makes every call return at once: the emulator has to keep asking.
    ExchangeHarness exchange(backend, [](auto& s) { s.step = std::chrono::seconds(0); });
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    auto init = client.init("catalog");
    BOOST_TEST(init.zip);
    BOOST_TEST(init.raw.lines.at(1) == "file_limit=8388608");
    BOOST_REQUIRE(client.upload("catalog", "import.xml", readFile(own("import.xml")), kSmallChunk)
                      .verdict() == "success");
    auto result = client.importUntilDone("catalog", "import.xml");
    BOOST_TEST(result.last.verdict() == "success");
    BOOST_TEST(result.progress_calls >= 1);
    BOOST_TEST(result.last.text().find("import.xml: read ") != std::string::npos,
               result.last.text());
    BOOST_TEST(exchange.db().tableRows("product") > 0);
}

CRMSYNC_TEST_ON_BOTH(a_file_imported_in_full_before_is_acknowledged_without_applying_it_again) {
    ExchangeHarness exchange(backend);
    auto client = exchange.client();
    std::vector<emulator::ExchangeFile> files = {{"import.xml", own("import.xml")},
                                                 {"offers.xml", own("offers.xml")}};
    auto first = emulator::pushCatalog(client, files, {});
    BOOST_REQUIRE_MESSAGE(first.ok, first.failure);
    long long journal = exchange.db().tableRows("journal");
    long long runs = exchange.db().tableRows("sync_run");

    auto again = emulator::pushCatalog(client, files, {});
    BOOST_REQUIRE_MESSAGE(again.ok, again.failure);
    BOOST_TEST(again.final_answers.at(0).text().find("already imported in full") !=
                   std::string::npos,
               again.final_answers.at(0).text());
    BOOST_TEST(exchange.db().tableRows("journal") == journal);
    BOOST_TEST(exchange.db().tableRows("sync_run") == runs + 2);  // recorded, nothing applied
}

CRMSYNC_TEST_ON_BOTH(a_restarted_daemon_keeps_the_session_and_its_uploads) {
    ExchangeHarness exchange(backend);
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    client.init("catalog");
    std::string bytes = readFile(own("import.xml"));
    // Half the file, a restart, then the rest: 1C neither knows nor cares.
    BOOST_REQUIRE(client.upload("catalog", "import.xml", bytes.substr(0, bytes.size() / 2),
                                kSmallChunk)
                      .verdict() == "success");
    auto cookie = client.cookie().value();
    exchange.restart();
    auto after = exchange.client();  // the restarted server listens on another free port
    after.setCookie(cookie.first, cookie.second);
    BOOST_REQUIRE(after.upload("catalog", "import.xml", bytes.substr(bytes.size() / 2),
                               kSmallChunk)
                      .verdict() == "success");
    auto result = after.importUntilDone("catalog", "import.xml");
    BOOST_TEST(result.last.verdict() == "success", result.last.text());

    TestDatabase direct(backend);
    BOOST_REQUIRE(importPaths(direct, {own("import.xml")}).ok);
    BOOST_TEST(crmContent(exchange.db()) == crmContent(direct), boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(an_import_stopped_by_shutdown_carries_on_after_the_restart) {
    TempDir tmp;
    std::filesystem::create_directories(tmp / "cat");
    writeSyntheticCatalog(tmp / "cat" / "import.xml", 20000);
    sync::ImportOptions small_batches;
    small_batches.batch_size = 200;
    // A zero step answers at once, so the shutdown comes while the import runs.
    ExchangeHarness exchange(
        backend, [](auto& s) { s.step = std::chrono::seconds(0); }, small_batches);
    auto client = exchange.client();
    BOOST_REQUIRE(client.checkauth("catalog").verdict() == "success");
    client.init("catalog");
    BOOST_REQUIRE(client.upload("catalog", "import.xml", readFile(tmp / "cat" / "import.xml"),
                                1 << 20)
                      .verdict() == "success");
    BOOST_REQUIRE(client.call("GET", "type=catalog&mode=import&filename=import.xml").verdict() ==
                  "progress");
    auto cookie = client.cookie().value();
    exchange.restart();  // stops the import after its current batch
    BOOST_TEST(exchange.db().count("SELECT COUNT(*) FROM sync_run WHERE status = 'failed' AND "
                                   "error LIKE '%shutting down%'") == 1);

    auto after = exchange.client();
    after.setCookie(cookie.first, cookie.second);
    auto result = after.importUntilDone("catalog", "import.xml");
    BOOST_TEST(result.last.verdict() == "success", result.last.text());
    BOOST_TEST(exchange.db().tableRows("product") == 20000);

    TestDatabase direct(backend);
    BOOST_REQUIRE(importPaths(direct, {tmp / "cat" / "import.xml"}).ok);
    BOOST_TEST(crmContent(exchange.db()) == crmContent(direct), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
