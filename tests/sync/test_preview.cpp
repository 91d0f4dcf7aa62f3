// sync::previewRecords against a real database: what an import would do, shown without
// writing anything. Inputs are the project's CommerceML fixtures, read by the real reader.
#include <boost/test/unit_test.hpp>

#include "adapters/onec/commerceml/commerceml_file_source.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"
#include "sync/preview.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using crmsync::test::TempDir;
using crmsync::test::TestDatabase;

namespace {

namespace fs = std::filesystem;

const std::string kDesk = "9a4b7e01-d9b1-11ee-8f3c-00155d0a6401";
const std::string kRetailPrice = kDesk + "|2f6d8a01-d9b1-11ee-8f3c-00155d0a6401";
const std::string kTables = "3e1a5b21-d9b1-11ee-8f3c-00155d0a6401";

fs::path fixture(const std::string& name) {
    return test::projectFixtures() / "commerceml" / name;
}

std::vector<std::unique_ptr<core::RecordSource>> sourcesOf(const std::vector<fs::path>& files) {
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    for (const auto& file : files) {
        sources.push_back(
            std::make_unique<commerceml::CommerceMlFileSource>(file, file.filename().string()));
    }
    return sources;
}

void importFixtures(TestDatabase& db) {
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    auto report = importer.run("test", sourcesOf({fixture("import.xml"), fixture("offers.xml")}));
    BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);
}

// A copy of a fixture with one piece of text replaced, as 1C would send it after an edit.
fs::path editedCopy(const TempDir& dir, const std::string& name, const std::string& from,
                    const std::string& to) {
    std::string text = test::readFile(fixture(name));
    auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    fs::path copy = dir / name;
    test::writeFile(copy, text);
    return copy;
}

std::vector<sync::PreviewedRecord> previewFile(TestDatabase& db, const fs::path& file,
                                               std::size_t limit = 100) {
    auto records = sync::readFirstRecords(sourcesOf({file}), limit);
    return sync::previewRecords(db.store(), mapping::builtinCommerceMlMapping(),
                                std::move(records));
}

const sync::PreviewedRecord& find(const std::vector<sync::PreviewedRecord>& previews,
                                  const std::string& entity, const std::string& key) {
    for (const auto& preview : previews) {
        if (preview.record.entity == entity && preview.record.key == key) {
            return preview;
        }
    }
    BOOST_FAIL("no preview of " + entity + " " + key);
    throw std::logic_error("unreachable");
}

const std::string* mappedText(const sync::PreviewedRecord& preview, const std::string& column) {
    const auto* cv = core::findColumn(preview.mapped, column);
    return cv != nullptr && cv->text ? &*cv->text : nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(preview)

CRMSYNC_TEST_ON_BOTH(shows_before_and_after_of_a_changed_name_and_writes_nothing) {
    TestDatabase db(backend);
    importFixtures(db);
    TempDir dir;
    auto edited = editedCopy(dir, "import.xml", "<Наименование>Стол письменный<",
                             "<Наименование>Стол письменный большой<");
    long long rows = db.totalRows();
    long long journal = db.tableRows("journal");

    auto previews = previewFile(db, edited);

    const auto& desk = find(previews, "product", kDesk);
    BOOST_TEST(sync::previewActionName(desk.action) == "update");
    BOOST_TEST(desk.crm_id > 0);
    BOOST_REQUIRE_EQUAL(desk.changes.size(), 1U);
    BOOST_TEST(desk.changes[0].describe() == "name: Стол письменный → Стол письменный большой");
    BOOST_TEST(desk.record.origin.file == "import.xml");
    BOOST_TEST(desk.record.origin.line > 0U);
    BOOST_TEST(desk.record.get("name").toText() == "Стол письменный большой");
    BOOST_TEST(*mappedText(desk, "name") == "Стол письменный большой");
    std::size_t unchanged = 0;
    for (const auto& preview : previews) {
        unchanged += preview.action == sync::PreviewAction::Unchanged ? 1 : 0;
    }
    BOOST_TEST(unchanged == previews.size() - 1);
    BOOST_TEST(db.totalRows() == rows);
    BOOST_TEST(db.tableRows("journal") == journal);
    BOOST_TEST(*db.text("SELECT p.name FROM product p JOIN binding b ON b.crm_id = p.id "
                        "WHERE b.entity = 'product' AND b.onec_key = '" + kDesk + "'") ==
               "Стол письменный");
}

CRMSYNC_TEST_ON_BOTH(shows_before_and_after_of_a_changed_price) {
    TestDatabase db(backend);
    importFixtures(db);
    TempDir dir;
    auto edited = editedCopy(dir, "offers.xml", "<ЦенаЗаЕдиницу>18990.00<",
                             "<ЦенаЗаЕдиницу>19990.00<");
    long long rows = db.totalRows();

    auto previews = previewFile(db, edited);
    const auto& price = find(previews, "price", kRetailPrice);

    BOOST_TEST(sync::previewActionName(price.action) == "update");
    BOOST_REQUIRE_EQUAL(price.changes.size(), 1U);
    BOOST_TEST(price.changes[0].describe() == "value: 18990 → 19990");
    BOOST_TEST(db.totalRows() == rows);
}

CRMSYNC_TEST_ON_BOTH(a_reference_to_a_record_earlier_in_the_input_shows_as_new) {
    TestDatabase db(backend);

    auto previews = previewFile(db, fixture("import.xml"));

    const auto& tables = find(previews, "product_group", kTables);
    BOOST_TEST(sync::previewActionName(tables.action) == "insert");
    BOOST_TEST(*mappedText(tables, "parent_id") == "(new, from this input)");
    BOOST_TEST(*mappedText(find(previews, "product", kDesk), "group_id") ==
               "(new, from this input)");
    BOOST_TEST(db.totalRows() == 0);
}

CRMSYNC_TEST_ON_BOTH(refuses_what_quarantine_would_refuse) {
    TestDatabase db(backend);

    auto previews = previewFile(db, fixture("offers.xml"));
    const auto& price = find(previews, "price", kRetailPrice);

    BOOST_TEST(sync::previewActionName(price.action) == "refused");
    BOOST_TEST(price.refusal == "product: unknown product '" + kDesk + "'");
    BOOST_TEST(price.mapped.empty());
    BOOST_TEST(db.totalRows() == 0);
}

BOOST_AUTO_TEST_CASE(reads_no_further_than_the_limit) {
    auto records = sync::readFirstRecords(sourcesOf({fixture("import.xml"), fixture("offers.xml")}),
                                          3);
    BOOST_REQUIRE_EQUAL(records.size(), 3U);
    BOOST_TEST(records[0].entity == "product_group");
    BOOST_TEST(records[2].origin.file == "import.xml");
}

BOOST_AUTO_TEST_SUITE_END()
