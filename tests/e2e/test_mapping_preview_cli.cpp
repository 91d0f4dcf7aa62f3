// `crmsync mapping preview` as an admin runs it: what it prints for a database that already
// holds the catalog, in text and JSON, and that it writes nothing.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <sstream>

#include "tests/e2e/cli_runner.h"
#include "tests/e2e/import_helpers.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

const std::string kDesk = "9a4b7e01-d9b1-11ee-8f3c-00155d0a6401";

// import.xml as 1C sends it after the desk was renamed.
fs::path renamedDesk(const TempDir& dir) {
    const std::string name = "<Наименование>Стол письменный<";
    std::string text = readFile(own("import.xml"));
    text.replace(text.find(name), name.size(), "<Наименование>Стол письменный большой<");
    writeFile(dir / "import.xml", text);
    return dir / "import.xml";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping_preview_cli)

CRMSYNC_TEST_ON_BOTH(prints_the_change_a_renamed_product_would_make_and_writes_nothing) {
    TestDatabase db(backend);
    BOOST_REQUIRE(importPaths(db, {own("import.xml"), own("offers.xml")}).ok);
    TempDir dir;
    auto input = renamedDesk(dir);
    long long rows = db.totalRows();

    auto text = runCrmsync({"mapping", "preview", "--db", db.url(), "--input", input.string()});

    BOOST_TEST_REQUIRE(text.code == 0, text.err);
    auto desk = text.out.find(" product " + kDesk + " (" + input.string() + ":");
    BOOST_REQUIRE(desk != std::string::npos);
    BOOST_TEST(text.out.find("  result: update (product id ", desk) != std::string::npos);
    BOOST_TEST(text.out.find("\n    name: Стол письменный → Стол письменный большой\n", desk) !=
               std::string::npos);
    BOOST_TEST(text.out.find("15 record(s) previewed with mapping commerceml-ut11.xml:") !=
               std::string::npos);
    BOOST_TEST(db.totalRows() == rows);

    auto json = runCrmsync(
        {"mapping", "preview", "--db", db.url(), "--input", input.string(), "--json"});
    BOOST_TEST_REQUIRE(json.code == 0, json.err);
    std::istringstream lines(json.out);
    int updates = 0;
    for (std::string line; std::getline(lines, line);) {
        Poco::JSON::Parser parser;
        auto object = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
        if (object->getValue<std::string>("action") != "update") {
            continue;
        }
        ++updates;
        BOOST_TEST(object->getValue<std::string>("onec_key") == kDesk);
        auto change = object->getArray("changes")->getObject(0);
        BOOST_TEST(change->getValue<std::string>("column") == "name");
        BOOST_TEST(change->getValue<std::string>("before") == "Стол письменный");
        BOOST_TEST(change->getValue<std::string>("after") == "Стол письменный большой");
    }
    BOOST_TEST(updates == 1);
    BOOST_TEST(db.totalRows() == rows);
}

BOOST_AUTO_TEST_CASE(stops_at_the_limit) {
    TestDatabase db(Backend::Sqlite);
    auto shown = runCrmsync({"mapping", "preview", "--db", db.url(), "--input",
                             own("import.xml").string(), "--limit", "2", "--json"});
    BOOST_TEST_REQUIRE(shown.code == 0, shown.err);
    BOOST_TEST(std::count(shown.out.begin(), shown.out.end(), '\n') == 2);
}

BOOST_AUTO_TEST_CASE(refuses_a_limit_below_one_as_wrong_usage) {
    TestDatabase db(Backend::Sqlite);
    auto refused = runCrmsync({"mapping", "preview", "--db", db.url(), "--input",
                               own("import.xml").string(), "--limit", "0"});
    BOOST_TEST(refused.code == 2);
    BOOST_TEST(refused.err.find("--limit must be a whole number of at least 1") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_a_missing_database_without_creating_it) {
    TempDir dir;
    std::string url = "sqlite://" + (dir / "crm.db").string();
    auto refused =
        runCrmsync({"mapping", "preview", "--db", url, "--input", own("import.xml").string()});
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.err == "crmsync mapping: no CRM database at " + (dir / "crm.db").string() +
                                  " (create it with crmsync migrate)\n");
    BOOST_TEST(!fs::exists(dir / "crm.db"));
}

BOOST_AUTO_TEST_SUITE_END()
