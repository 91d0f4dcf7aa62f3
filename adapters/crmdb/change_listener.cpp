#include "adapters/crmdb/change_listener.h"

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/pg_change_listener.h"
#include "adapters/crmdb/sqlite_change_poller.h"

namespace crmsync::crmdb {

std::unique_ptr<core::CrmChangeListener> makeChangeListener(const std::string& url,
                                                            std::chrono::milliseconds sqlite_poll) {
    DatabaseUrl parsed = parseDatabaseUrl(url);
    if (parsed.kind == DatabaseUrl::Kind::PostgreSql) {
        return std::make_unique<PgChangeListener>(parsed.soci_connect, parsed.redacted);
    }
    return std::make_unique<SqliteChangePoller>(std::move(parsed), sqlite_poll);
}

}  // namespace crmsync::crmdb
