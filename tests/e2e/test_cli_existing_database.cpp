// Two traps of the command line: a read command given a mistyped database URL must not create
// (and migrate) a new, empty database and report nothing wrong; and the commands print their
// results, not "opened CRM database" log lines, unless asked with --verbose.
#include <boost/test/unit_test.hpp>

#include "adapters/crmdb/soci_crm_store.h"
#include "tests/e2e/cli_runner.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

const std::string kOpenedLine = "opened CRM database";

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_existing_database)

BOOST_AUTO_TEST_CASE(journal_refuses_a_missing_sqlite_database_and_creates_no_file) {
    TempDir tmp;
    fs::path typo = tmp / "typo" / "crm.db";
    auto refused = runCrmsync({"journal", "--db", "sqlite://" + typo.string()});
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.out.empty());
    BOOST_TEST(refused.err == "crmsync journal: no CRM database at " + typo.string() +
                                  " (create it with crmsync migrate)\n");
    BOOST_TEST(!fs::exists(typo));
    BOOST_TEST(!fs::exists(typo.parent_path()));
}

BOOST_AUTO_TEST_CASE(mapping_check_and_odata_push_refuse_a_missing_sqlite_database) {
    TempDir tmp;
    fs::path typo = tmp / "typo.db";
    std::string url = "sqlite://" + typo.string();
    std::string mapping = (projectConfig() / "mappings" / "commerceml-ut11.xml").string();
    auto check = runCrmsync({"mapping", "check", mapping, "--db", url});
    BOOST_TEST(check.code == 1);
    BOOST_TEST(check.err == "crmsync mapping: no CRM database at " + typo.string() +
                                " (create it with crmsync migrate)\n");
    auto push = runCrmsync({"odata", "push", "--db", url, "--mapping",
                            (projectConfig() / "mappings" / "odata-ut11.xml").string(), "--url",
                            "http://127.0.0.1:9/base/odata/standard.odata", "--user", "u"},
                           {{"CRMSYNC_ONEC_PASSWORD", "p"}});
    BOOST_TEST(push.code == 1);
    BOOST_TEST(push.err.find("no CRM database at " + typo.string()) != std::string::npos,
               push.err);
    BOOST_TEST(!fs::exists(typo));
}

BOOST_AUTO_TEST_CASE(journal_refuses_a_file_that_holds_no_crm_database) {
    TempDir tmp;
    writeFile(tmp / "empty.db", "");
    std::string url = "sqlite://" + (tmp / "empty.db").string();
    auto refused = runCrmsync({"journal", "--db", url});
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.err == "crmsync journal: no crmsync schema in the CRM database " + url +
                                  " (create it with crmsync migrate)\n");
    BOOST_TEST(fs::file_size(tmp / "empty.db") == 0u);  // left as it was

    crmsync::crmdb::SociCrmStore::open(url);  // now an SQLite database, but not a CRM one
    auto still = runCrmsync({"journal", "--db", url});
    BOOST_TEST(still.code == 1);
    BOOST_TEST(still.err == refused.err);
}

BOOST_AUTO_TEST_CASE(journal_refuses_a_postgresql_database_nobody_migrated,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(postgresPresent)) {
    TempPostgresDatabase pg;
    auto refused = runCrmsync({"journal", "--db", pg.url()});
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.err.find("no crmsync schema in the CRM database postgresql://") !=
                   std::string::npos,
               refused.err);
    BOOST_TEST(refused.err.find("(create it with crmsync migrate)") != std::string::npos);
    BOOST_TEST(crmsync::crmdb::SociCrmStore::open(pg.url())->schemaVersion() == 0);
}

BOOST_AUTO_TEST_CASE(import_still_creates_the_database_it_fills) {
    TempDir tmp;
    std::string url = "sqlite://" + (tmp / "new.db").string();
    auto imported = runCrmsync({"import", "--db", url, own("import.xml").string()});
    BOOST_TEST_REQUIRE(imported.code == 0, imported.err);
    BOOST_TEST(runCrmsync({"journal", "--db", url}).code == 0);
}

BOOST_AUTO_TEST_CASE(commands_log_only_warnings_unless_verbose) {
    TempDir tmp;
    std::string url = "sqlite://" + (tmp / "crm.db").string();
    auto migrated = runCrmsync({"migrate", "--db", url});
    BOOST_TEST_REQUIRE(migrated.code == 0, migrated.err);
    BOOST_TEST(migrated.err.empty(), migrated.err);
    BOOST_TEST(migrated.out == "schema is up to date\n");

    auto imported = runCrmsync({"import", "--db", url, own("import.xml").string()});
    BOOST_TEST_REQUIRE(imported.code == 0, imported.err);
    BOOST_TEST(imported.err.find(kOpenedLine) == std::string::npos, imported.err);
    BOOST_TEST(imported.err.find("[info]") == std::string::npos, imported.err);

    auto quiet = runCrmsync({"journal", "--db", url});
    BOOST_TEST(quiet.code == 0);
    BOOST_TEST(!quiet.out.empty());
    BOOST_TEST(quiet.err.empty(), quiet.err);

    // --verbose is global: after the command's options or before the command.
    for (const auto& args : {std::vector<std::string>{"journal", "--db", url, "--verbose"},
                             std::vector<std::string>{"--verbose", "journal", "--db", url}}) {
        auto verbose = runCrmsync(args);
        BOOST_TEST(verbose.code == 0, verbose.err);
        BOOST_TEST(verbose.err.find(kOpenedLine) != std::string::npos, verbose.err);
        BOOST_TEST(verbose.out == quiet.out);
    }
    auto verbose_migrate = runCrmsync({"migrate", "--verbose", "--db", url});
    BOOST_TEST(verbose_migrate.code == 0, verbose_migrate.err);
    BOOST_TEST(verbose_migrate.err.find(kOpenedLine) != std::string::npos, verbose_migrate.err);
}

BOOST_AUTO_TEST_SUITE_END()
