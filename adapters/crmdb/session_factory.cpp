#include "adapters/crmdb/session_factory.h"

#include <filesystem>
#include <system_error>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "adapters/crmdb/db_error.h"
#include "adapters/crmdb/sqlite_library.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

[[noreturn]] void unavailable(const DatabaseUrl& url, const std::string& why) {
    throw ExternalUnavailable("cannot open CRM database " + url.redacted + ": " + why);
}

void createParentDirectory(const DatabaseUrl& url) {
    if (url.path == ":memory:") {
        return;
    }
    auto parent = std::filesystem::path(url.path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            unavailable(url, "cannot create directory " + parent.string() + ": " + ec.message());
        }
    }
}

}  // namespace

void applySessionSettings(soci::session& sql, const DatabaseUrl& url) {
    if (url.kind != DatabaseUrl::Kind::Sqlite) {
        return;
    }
    // busy_timeout first, so that switching to WAL waits for another process's lock.
    sql << "PRAGMA busy_timeout = 10000";
    // For a database still empty (an existing one keeps its page size): a catalog import writes
    // its B-trees front to back, and 8 KB pages take a sixth less CPU than 4 KB ones for it.
    sql << "PRAGMA page_size = 8192";
    sql << "PRAGMA journal_mode = WAL";
    sql << "PRAGMA synchronous = NORMAL";
    // The default 2 MB page cache thrashes on a 100,000-item catalog's indexes; 32 MB holds
    // their hot pages (memory is taken only as pages are read).
    sql << "PRAGMA cache_size = -32768";
    // A checkpoint (the only fsync in WAL mode with synchronous=NORMAL) every ~32 MB of WAL
    // (4000 pages of 8 KB) instead of SQLite's 1000 pages: a catalog import syncs 4 to 8 times
    // less, and an index page rewritten by many batches is copied into the database once per
    // checkpoint.
    sql << "PRAGMA wal_autocheckpoint = 4000";
    sql << "PRAGMA foreign_keys = ON";
    // The CRM tables have change-capture triggers, so every row statement opens a statement
    // journal; in a temp file that cost a first catalog import a quarter more time, in memory
    // (a few pages per statement) it costs almost nothing.
    sql << "PRAGMA temp_store = MEMORY";
}

sqlite3* sqliteHandle(soci::session& sql) {
    // libsoci_sqlite3 exports no typeinfo for its backend, so ask by name, not dynamic_cast.
    if (sql.get_backend() == nullptr || sql.get_backend_name() != "sqlite3") {
        return nullptr;
    }
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    // SOCI declares SQLite's API inside its own namespace; the object is the same.
    return reinterpret_cast<sqlite3*>(backend->conn_);
}

std::unique_ptr<soci::session> openSession(const DatabaseUrl& url) {
    auto sql = std::make_unique<soci::session>();
    try {
        if (url.kind == DatabaseUrl::Kind::Sqlite) {
            configureSqliteLibrary();
            createParentDirectory(url);
            sql->open(soci::sqlite3, url.soci_connect);
        } else {
            sql->open(soci::postgresql, url.soci_connect);
        }
        applySessionSettings(*sql, url);
    } catch (const soci::soci_error& e) {
        // get_error_message() leaves out SOCI's context, which may quote the connect string.
        std::string why = e.get_error_message();
        unavailable(url, oneLine(why));
    }
    core::logger("crmdb")->info("opened CRM database {}", url.redacted);
    return sql;
}

}  // namespace crmsync::crmdb
