// The crmsync binary itself: exit codes, what it prints, the journal's JSON lines.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>
#include <sstream>

#include "tests/e2e/cli_runner.h"
#include "tests/support/test_env.h"

using namespace crmsync::test;

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(journal_filters_by_origin_and_time_and_refuses_bad_ones) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    auto imported = runCrmsync({"import", "--db", db, own("import.xml").string()});
    BOOST_TEST_REQUIRE(imported.code == 0, imported.err);
    auto all = runCrmsync({"journal", "--db", db, "--json"});
    auto from_1c = runCrmsync({"journal", "--db", db, "--json", "--origin", "1c", "--op",
                               "insert", "--since", "2000-01-01", "--until", "2999-12-31T23:59"});
    BOOST_TEST_REQUIRE(from_1c.code == 0, from_1c.err);
    BOOST_TEST(!all.out.empty());
    BOOST_TEST(from_1c.out == all.out);  // a first import: every row is an insert from 1C
    auto none = runCrmsync({"journal", "--db", db, "--json", "--origin", "crm"});
    BOOST_TEST(none.code == 0);
    BOOST_TEST(none.out.empty());

    auto bad_time = runCrmsync({"journal", "--db", db, "--since", "01.12.2026"});
    BOOST_TEST(bad_time.code == 2);
    BOOST_TEST(bad_time.err.find("--since '01.12.2026': expected a UTC time") !=
                   std::string::npos,
               bad_time.err);
    auto bad_origin = runCrmsync({"journal", "--db", db, "--origin", "1C"});
    BOOST_TEST(bad_origin.code == 2);
    BOOST_TEST(bad_origin.err.find("--origin '1C': expected 1c, crm or person") !=
                   std::string::npos,
               bad_origin.err);
}

BOOST_AUTO_TEST_CASE(import_then_journal_json_prints_one_object_per_change) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    auto imported = runCrmsync({"import", "--db", db, own("import.xml").string(),
                             own("offers.xml").string()});
    BOOST_TEST_REQUIRE(imported.code == 0, imported.err);
    BOOST_TEST(imported.out.find("succeeded") != std::string::npos);

    auto journal = runCrmsync({"journal", "--db", db, "--json", "--entity", "product"});
    BOOST_TEST_REQUIRE(journal.code == 0, journal.err);
    std::istringstream lines(journal.out);
    std::string line;
    int count = 0;
    long long last_seq = 0;
    while (std::getline(lines, line)) {
        Poco::JSON::Parser parser;
        auto object = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
        for (const char* key : {"seq", "at", "run", "entity", "onec_key", "crm_key", "origin", "op",
                                "before", "after"}) {
            BOOST_TEST(object->has(key), key << " missing in " << line);
        }
        BOOST_TEST(object->getValue<std::string>("entity") == "product");
        BOOST_TEST(object->getValue<std::string>("op") == "insert");
        BOOST_TEST(object->getObject("after")->has("name"));
        long long seq = object->getValue<long long>("seq");
        BOOST_TEST(seq > last_seq);
        last_seq = seq;
        ++count;
    }
    BOOST_TEST(count > 0);

    auto again = runCrmsync({"import", "--db", db, own("import.xml").string(),
                          own("offers.xml").string()});
    BOOST_TEST_REQUIRE(again.code == 0, again.err);
    auto after = runCrmsync({"journal", "--db", db, "--json", "--entity", "product"});
    BOOST_TEST(after.out == journal.out);
}

BOOST_AUTO_TEST_CASE(malformed_file_exits_nonzero_and_names_the_file_and_line) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    auto result = runCrmsync({"import", "--db", db, own("malformed.xml").string()});
    BOOST_TEST(result.code == 1);
    BOOST_TEST(result.err.find("malformed.xml:") != std::string::npos, result.err);
    BOOST_TEST(result.out.find("FAILED") != std::string::npos, result.out);
}

BOOST_AUTO_TEST_CASE(unknown_option_and_bad_url_are_usage_and_config_errors) {
    auto usage = runCrmsync({"import", "--dbb", "x"});
    BOOST_TEST(usage.code == 2);
    BOOST_TEST(usage.err.find("unknown option --dbb") != std::string::npos, usage.err);
    auto url = runCrmsync({"migrate", "--db", "mysql://x"});
    BOOST_TEST(url.code == 1);
    BOOST_TEST(url.err.find("mysql://x") != std::string::npos, url.err);
}

BOOST_AUTO_TEST_CASE(migrate_is_idempotent) {
    TempDir tmp;
    std::string db = "sqlite://" + (tmp / "crm.db").string();
    BOOST_TEST(runCrmsync({"migrate", "--db", db}).code == 0);
    BOOST_TEST(runCrmsync({"migrate", "--db", db}).code == 0);
}

BOOST_AUTO_TEST_SUITE_END()
