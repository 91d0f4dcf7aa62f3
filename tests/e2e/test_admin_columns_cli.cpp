// A column an admin adds to a CRM table by hand, targeted by an edited mapping, through the
// commands an admin runs: mapping check (with and without --db), mapping preview, import.
#include <boost/test/unit_test.hpp>

#include "tests/e2e/cli_runner.h"
#include "tests/support/test_database.h"

using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

// The shipped CommerceML mapping, with the product's ВидНоменклатуры requisite sent to the
// admin's column product.product_kind.
fs::path mappingWithProductKind(const TempDir& dir) {
    std::string text =
        readFile(fs::path(CRMSYNC_SOURCE_DIR) / "config" / "mappings" / "commerceml-ut11.xml");
    const std::string anchor = "<field source=\"deleted\" target=\"deletion_mark\"/>";
    text.replace(text.find(anchor), anchor.size(),
                 anchor +
                     "\n    <field source=\"ЗначенияРеквизитов/ЗначениеРеквизита[Наименование="
                     "'ВидНоменклатуры']/Значение\" target=\"product_kind\"/>");
    writeFile(dir / "mapping.xml", text);
    return dir / "mapping.xml";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_columns_cli)

CRMSYNC_TEST_ON_BOTH(an_added_column_is_checked_previewed_and_imported_once) {
    TestDatabase db(backend);
    TempDir dir;
    fs::path mapping = mappingWithProductKind(dir);

    auto before_alter = runCrmsync({"mapping", "check", mapping.string(), "--db", db.url()});
    BOOST_TEST(before_alter.code == 1);
    BOOST_TEST(before_alter.err.find(":46:") != std::string::npos, before_alter.err);
    BOOST_TEST(before_alter.err.find("table 'product' has no column 'product_kind'") !=
                   std::string::npos,
               before_alter.err);

    db.execute("ALTER TABLE product ADD COLUMN product_kind TEXT");
    auto checked = runCrmsync({"mapping", "check", mapping.string(), "--db", db.url()});
    BOOST_TEST(checked.code == 0, checked.err);
    BOOST_TEST(runCrmsync({"mapping", "check", mapping.string()}).code == 1);  // no database

    auto preview = runCrmsync({"mapping", "preview", "--db", db.url(), "--mapping",
                               mapping.string(), "--input", own("import.xml").string()});
    BOOST_TEST_REQUIRE(preview.code == 0, preview.err);
    BOOST_TEST(preview.out.find("product_kind") != std::string::npos, preview.out);
    BOOST_TEST(db.tableRows("product") == 0);

    std::vector<std::string> import = {"import", "--db", db.url(), "--mapping", mapping.string(),
                                       own("import.xml").string(), own("offers.xml").string()};
    auto first = runCrmsync(import);
    BOOST_TEST_REQUIRE(first.code == 0, first.err);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product WHERE product_kind = 'Мебель'") >= 1);
    std::string desk = db.text("SELECT after FROM journal WHERE entity = 'product' AND "
                               "onec_key = '9a4b7e01-d9b1-11ee-8f3c-00155d0a6401'")
                           .value_or("");
    BOOST_TEST(desk.find(R"("product_kind":"Мебель")") != std::string::npos, desk);

    long long rows = db.totalRows();
    auto second = runCrmsync(import);
    BOOST_TEST_REQUIRE(second.code == 0, second.err);
    BOOST_TEST(second.out.find("inserted 0, updated 0") != std::string::npos, second.out);
    BOOST_TEST(db.totalRows() == rows);
}

BOOST_AUTO_TEST_SUITE_END()
