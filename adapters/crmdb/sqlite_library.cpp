#include "adapters/crmdb/sqlite_library.h"

#include <mutex>

#include <sqlite3.h>

#include "crmcore/logging.h"

namespace crmsync::crmdb {

void configureSqliteLibrary() {
    static std::once_flag once;
    std::call_once(once, [] {
        int threads = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        if (threads != SQLITE_OK || memstatus != SQLITE_OK) {
            core::logger("crmdb")->info(
                "SQLite was started before crmsync configured it; it keeps its defaults");
        }
    });
}

}  // namespace crmsync::crmdb
