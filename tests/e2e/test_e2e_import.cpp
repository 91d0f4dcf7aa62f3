#define BOOST_TEST_MODULE e2e
#include <boost/test/unit_test.hpp>

#include <Poco/Zip/Compress.h>
#include <fstream>

#include "adapters/onec/commerceml/zip_package.h"
#include "crmcore/error.h"
#include "tests/e2e/import_helpers.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

// Imports the project's catalog (import + offers) so refusal tests start from real data.
void importOwnCatalog(TestDatabase& db) {
    auto report = importPaths(db, {own("import.xml"), own("offers.xml")});
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
}

void zipFiles(const fs::path& zip, const std::vector<fs::path>& files) {
    std::ofstream out(zip, std::ios::binary);
    Poco::Zip::Compress compress(out, true);
    for (const auto& file : files) {
        compress.addFile(Poco::Path(file.string()), Poco::Path(file.filename().string()));
    }
    compress.close();
}

std::string productDump(TestDatabase& db) {
    std::string out;
    auto count = db.count("SELECT COUNT(*) FROM product");
    for (long long i = 0; i < count; ++i) {
        out += *db.text("SELECT b.onec_key || '|' || COALESCE(p.name, '') || '|' || "
                        "COALESCE(p.article, '') || '|' || COALESCE(p.description, '') || '|' || "
                        "COALESCE(p.requisites, '') || '|' || p.active FROM product p JOIN "
                        "binding b ON b.entity = 'product' AND b.crm_id = p.id ORDER BY "
                        "b.onec_key LIMIT 1 OFFSET " + std::to_string(i)) + "\n";
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_import)

CRMSYNC_TEST_ON_BOTH(own_catalog_imports_and_second_import_writes_nothing) {
    TestDatabase db(backend);
    importOwnCatalog(db);
    BOOST_TEST(db.tableRows("product") > 0);
    BOOST_TEST(db.tableRows("price") > 0);
    long long rows = db.totalRows();
    long long journal = db.tableRows("journal");
    auto report = importPaths(db, {own("import.xml"), own("offers.xml")});
    BOOST_REQUIRE(report.ok);
    BOOST_TEST(report.totals.inserted + report.totals.updated + report.totals.deactivated == 0);
    BOOST_TEST(report.totals.unchanged == report.totals.read);
    BOOST_TEST(db.tableRows("journal") == journal);
    BOOST_TEST(db.totalRows() == rows);
}

CRMSYNC_TEST_ON_BOTH(windows_1251_file_gives_the_same_rows_as_its_utf8_twin) {
    TestDatabase utf8(backend);
    TestDatabase cp1251(backend);
    BOOST_REQUIRE(importPaths(utf8, {own("import.xml")}).ok);
    BOOST_REQUIRE(importPaths(cp1251, {own("import_cp1251.xml")}).ok);
    std::string expected = productDump(utf8);
    BOOST_TEST(expected.find("Стол") != std::string::npos);
    BOOST_TEST(productDump(cp1251) == expected);
}

CRMSYNC_TEST_ON_BOTH(orders_import_with_counterparties_and_lines) {
    TestDatabase db(backend);
    importOwnCatalog(db);
    auto report = importPaths(db, {own("orders.xml")});
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    BOOST_TEST(db.tableRows("sales_order") >= 2);
    BOOST_TEST(db.tableRows("order_line") >= 2);
    BOOST_TEST(db.tableRows("counterparty") >= 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM order_line WHERE order_id IS NULL") == 0);
}

BOOST_AUTO_TEST_CASE(refuses_malformed_truncated_entity_bomb_and_external_entity_changing_nothing) {
    TestDatabase db(Backend::Sqlite);
    importOwnCatalog(db);
    long long rows = db.totalRows();
    for (std::string name : {"malformed.xml", "truncated.xml", "billion_laughs.xml", "xxe.xml"}) {
        auto report = importPaths(db, {own(name)});
        BOOST_TEST(!report.ok, name);
        const std::string& error = report.sources.at(0).error;
        // "<path>/<name>:<line>: <message>"
        BOOST_TEST(error.find(name + ":") != std::string::npos, error);
        BOOST_TEST(std::isdigit(static_cast<unsigned char>(error[error.find(name + ":") + name.size() + 1])),
                   error);
        BOOST_TEST(db.totalRows() == rows, name);
    }
}

CRMSYNC_TEST_ON_BOTH(zip_of_the_catalog_gives_the_same_rows_as_the_plain_files) {
    TempDir tmp;
    zipFiles(tmp / "v8_1A76_155ae.zip", {own("offers.xml"), own("import.xml")});
    TestDatabase plain(backend);
    TestDatabase zipped(backend);
    BOOST_REQUIRE(importPaths(plain, {own("import.xml"), own("offers.xml")}).ok);
    auto report = importPaths(zipped, {tmp / "v8_1A76_155ae.zip"});
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
    BOOST_TEST(report.sources.at(0).source == "v8_1A76_155ae.zip/import.xml");
    BOOST_TEST(productDump(zipped) == productDump(plain));
    BOOST_TEST(zipped.tableRows("price") == plain.tableRows("price"));
}

BOOST_AUTO_TEST_CASE(zip_bomb_is_refused_before_anything_is_written) {
    TempDir tmp;
    {
        std::ofstream zeros(tmp / "import.xml", std::ios::binary);
        std::string block(1 << 20, ' ');
        for (int i = 0; i < 64; ++i) {
            zeros << block;
        }
    }
    zipFiles(tmp / "bomb.zip", {tmp / "import.xml"});
    fs::remove(tmp / "import.xml");
    TestDatabase db(Backend::Sqlite);
    BOOST_CHECK_EXCEPTION(
        importPaths(db, {tmp / "bomb.zip"}), InputError, [](const InputError& e) {
            return std::string(e.what()) ==
                   "bomb.zip: entry 'import.xml' inflates more than 200 times its compressed "
                   "size (zip bomb?)";
        });
    BOOST_TEST(db.totalRows() == 0);
}

BOOST_AUTO_TEST_CASE(zip_entry_with_traversal_name_is_refused) {
    BOOST_TEST(commerceml::sanitizeRelativeName("../../x") == "");
    BOOST_TEST(commerceml::sanitizeRelativeName("/etc/passwd") == "");
    BOOST_TEST(commerceml::sanitizeRelativeName("import_files\\..\\x") == "");
    BOOST_TEST(commerceml::sanitizeRelativeName("import_files/ab/guid.jpg") ==
               "import_files/ab/guid.jpg");
    BOOST_TEST(commerceml::sanitizeRelativeName("./goods/1/import.xml") == "goods/1/import.xml");
}

BOOST_AUTO_TEST_SUITE_END()
