#include "app/database_columns.h"

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/table_columns.h"

namespace crmsync::app {

mapping::DatabaseColumns readDatabaseColumns(const std::string& url) {
    auto parsed = crmdb::parseDatabaseUrl(url);
    auto sql = crmdb::openSession(parsed);
    return crmdb::tableColumns(*sql, parsed.dialect());
}

}  // namespace crmsync::app
