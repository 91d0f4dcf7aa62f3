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
               "db.xml:6:36: column product.weight_kg exists in the database but crmsync does not "
               "write admin-added columns; target attributes.weight_kg instead\n"
               "db.xml:8:24: table 'price' does not exist in the database (run crmsync migrate)\n");
}

BOOST_AUTO_TEST_SUITE_END()
