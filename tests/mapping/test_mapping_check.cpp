#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "mapping/embedded_files.h"
#include "mapping/mapping_file.h"
#include "tests/support/test_env.h"

namespace fs = std::filesystem;
namespace mapping = crmsync::mapping;
using crmsync::test::projectFixtures;
using crmsync::test::readFile;

namespace {

fs::path shippedMappings() { return fs::path(CRMSYNC_SOURCE_DIR) / "config" / "mappings"; }

std::vector<fs::path> brokenMappings() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(projectFixtures() / "mappings" / "broken")) {
        if (entry.path().extension() == ".xml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Messages name the file as the loader was given it; the corpus expects the bare file name.
std::string check(const fs::path& file) {
    return mapping::loadMappingText(readFile(file), file.filename().string()).diagnostics.text();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping_check)

BOOST_AUTO_TEST_CASE(the_corpus_holds_at_least_15_broken_mappings_each_with_its_expected_lines) {
    BOOST_TEST(brokenMappings().size() >= 15u);
    for (const auto& file : brokenMappings()) {
        fs::path expected = fs::path(file).replace_extension(".expected");
        BOOST_TEST_REQUIRE(fs::exists(expected), expected);
    }
}

BOOST_AUTO_TEST_CASE(every_broken_mapping_yields_exactly_its_expected_messages) {
    for (const auto& file : brokenMappings()) {
        std::string expected = readFile(fs::path(file).replace_extension(".expected"));
        BOOST_TEST(!expected.empty(), file.filename());
        BOOST_TEST(check(file) == expected, file.filename());
    }
}

BOOST_AUTO_TEST_CASE(every_shipped_mapping_checks_clean) {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(shippedMappings())) {
        auto result = mapping::loadMappingFile(entry.path());
        BOOST_TEST(result.diagnostics.text() == "", entry.path().filename());
        BOOST_TEST(result.mapping.has_value());
        ++checked;
    }
    BOOST_TEST(checked >= 2);
}

BOOST_AUTO_TEST_CASE(the_built_in_mapping_is_the_shipped_commerceml_file) {
    std::string shipped = readFile(shippedMappings() / "commerceml-ut11.xml");
    BOOST_TEST(std::string(mapping::kCommerceMlUt11Mapping) == shipped);
    BOOST_TEST(std::string(mapping::kMappingSchemaXsd) ==
               readFile(fs::path(CRMSYNC_SOURCE_DIR) / "config" / "crmsync-mapping.xsd"));
    BOOST_TEST(mapping::builtinCommerceMlMapping().version ==
               mapping::mappingVersion("commerceml-ut11.xml", shipped));
}

BOOST_AUTO_TEST_CASE(the_version_names_the_file_and_changes_with_its_bytes) {
    std::string a = mapping::mappingVersion("/etc/crmsync/m.xml", "<a/>");
    BOOST_TEST(a.rfind("m.xml:", 0) == 0);
    BOOST_TEST(a.size() == std::string("m.xml:").size() + 16);
    BOOST_TEST(a != mapping::mappingVersion("m.xml", "<a />"));
    // Journal rows and binding hashes in CRM databases hold versions: their form is fixed.
    BOOST_TEST(a == "m.xml:8494b719b6df8f97");
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_a_diagnostic_not_a_crash) {
    auto result = mapping::loadMappingFile("/nonexistent/m.xml");
    BOOST_TEST(result.diagnostics.text() == "/nonexistent/m.xml:0:0: cannot read the mapping file\n");
}

BOOST_AUTO_TEST_CASE(database_columns_are_checked_when_given) {
    mapping::DatabaseColumns columns;
    for (const auto& spec : crmsync::core::entityCatalog()) {
        auto& set = columns[spec.table];
        for (const auto& c : spec.columns) {
            set.insert(c.name);
        }
    }
    columns["product"].erase("attributes");
    columns["product"].insert("weight_kg");
    columns.erase("price");
    std::string text = R"(<?xml version="1.0"?>
<mapping xmlns="urn:crmsync:mapping:1" version="1">
  <entity name="product" table="product" key="Ид">
    <commerceml element="Товар"/>
    <field source="requisites/Вес" target="attributes.weight"/>
    <field source="requisites/Вес" target="weight_kg"/>
  </entity>
  <entity name="price" table="price" key="Ид">
    <commerceml element="Цена"/>
    <field source="value" target="value"/>
  </entity>
</mapping>
)";
    mapping::CompileOptions options;
    options.database = &columns;
    auto result = mapping::loadMappingText(text, "db.xml", options);
    BOOST_TEST(result.diagnostics.text() ==
               "db.xml:5:36: column product.attributes is missing in the database (run crmsync "
               "migrate)\n"
               "db.xml:8:24: table 'price' does not exist in the database (run crmsync migrate)\n");
}

BOOST_AUTO_TEST_CASE(a_column_an_admin_added_is_a_target_only_against_the_database) {
    std::string text = R"(<?xml version="1.0"?>
<mapping xmlns="urn:crmsync:mapping:1" version="1">
  <entity name="product" table="product" key="Ид">
    <commerceml element="Товар"/>
    <field source="requisites/Бренд" target="brand"/>
    <field source="Артикул" target="article"/>
  </entity>
  <entity name="order" table="sales_order" key="Ид">
    <commerceml element="Документ"/>
    <field target="counterparty_id">
      <lookup entity="counterparty"><match column="ogrn" source="requisites/ОГРН"/></lookup>
    </field>
  </entity>
</mapping>
)";
    BOOST_TEST(mapping::loadMappingText(text, "admin.xml").diagnostics.text() ==
               "admin.xml:5:38: table 'product' has no column 'brand'\n"
               "admin.xml:11:44: <lookup> of counterparty: table 'counterparty' has no column "
               "'ogrn'\n");

    mapping::DatabaseColumns columns;
    for (const auto& spec : crmsync::core::entityCatalog()) {
        for (const auto& c : spec.columns) {
            columns[spec.table].insert(c.name);
        }
    }
    columns["product"].insert("brand");
    columns["product"].insert("season");  // in the table, but not targeted: not written
    columns["counterparty"].insert("ogrn");
    mapping::CompileOptions options;
    options.database = &columns;
    auto result = mapping::loadMappingText(text, "admin.xml", options);
    BOOST_TEST_REQUIRE(result.diagnostics.text() == "");
    const auto& product = *result.mapping->find("product");
    const auto& catalog = crmsync::core::entitySpec("product");
    BOOST_TEST(product.spec->columns.size() == catalog.columns.size() + 1);
    BOOST_TEST(product.spec->columns.back().name == "brand");
    BOOST_TEST((product.spec->columns.back().type == crmsync::core::ColumnType::Text));
    BOOST_TEST(product.fields.front().column == &product.spec->columns.back());
    const auto& lookup = *result.mapping->find("order")->fields.front().lookup;
    BOOST_TEST(lookup.spec->columns.back().name == "ogrn");
    BOOST_TEST(lookup.matches.front().column == &lookup.spec->columns.back());
    // The same layout again is the same spec object, so the store's statement cache, keyed
    // on its address, stays right across mapping reloads.
    auto again = mapping::loadMappingText(text, "admin.xml", options);
    BOOST_TEST(again.mapping->find("product")->spec == product.spec);
    // A mapping that targets no admin column of a table uses the catalog's spec.
    BOOST_TEST(result.mapping->find("order")->spec == &crmsync::core::entitySpec("order"));
}

BOOST_AUTO_TEST_SUITE_END()
