// A read command given a mistyped database URL must not create (and migrate) a new, empty
// database and report nothing wrong.
#include <boost/test/unit_test.hpp>

#include "adapters/crmdb/soci_crm_store.h"
#include "tests/e2e/cli_runner.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

fs::path own(const std::string& name) { return projectFixtures() / "commerceml" / name; }

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

BOOST_AUTO_TEST_SUITE_END()
