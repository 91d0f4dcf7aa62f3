#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/table_columns.h"
#include "mapping/mapping_file.h"
#include "tests/support/test_database.h"

namespace fs = std::filesystem;
namespace mapping = crmsync::mapping;
using crmsync::test::TestDatabase;

BOOST_AUTO_TEST_SUITE(mapping_against_database)

CRMSYNC_TEST_ON_BOTH(every_shipped_mapping_checks_clean_against_a_migrated_database) {
    TestDatabase db(backend);
    auto url = crmsync::crmdb::parseDatabaseUrl(db.url());
    auto sql = crmsync::crmdb::openSession(url);
    mapping::DatabaseColumns columns = crmsync::crmdb::tableColumns(*sql, url.dialect());
    BOOST_TEST(columns.at("product").count("attributes") == 1u);
    mapping::CompileOptions options;
    options.database = &columns;
    for (const auto& entry :
         fs::directory_iterator(fs::path(CRMSYNC_SOURCE_DIR) / "config" / "mappings")) {
        auto result = mapping::loadMappingFile(entry.path(), options);
        BOOST_TEST(result.diagnostics.text() == "", entry.path().filename());
    }
}

BOOST_AUTO_TEST_SUITE_END()
