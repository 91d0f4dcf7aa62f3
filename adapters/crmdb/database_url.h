#pragma once
// Where the CRM database lives, parsed once from the URL an admin writes in the config:
//   sqlite:///abs/path/crm.db         (sqlite://relative/path.db is relative to the cwd)
//   postgresql://user[:password]@host[:port]/dbname[?sslmode=require&...]  (or postgres://)
#include <string>

#include "crmcore/schema.h"

namespace crmsync::crmdb {

struct DatabaseUrl {
    enum class Kind { Sqlite, PostgreSql };
    Kind kind = Kind::Sqlite;
    std::string path;          // SQLite: the database file, as written after "sqlite://"
    std::string soci_connect;  // SOCI connection string (libpq keywords for PostgreSQL)
    std::string redacted;      // the URL for logs and messages: a password shows as ***

    core::SqlDialect dialect() const {
        return kind == Kind::Sqlite ? core::SqlDialect::Sqlite : core::SqlDialect::PostgreSql;
    }
};

// Throws crmsync::ConfigError naming the accepted forms when the scheme is unknown or a part
// is malformed. A PostgreSQL password left out of the URL comes from PGPASSWORD, which libpq
// reads itself, so it never appears here. `connect_timeout` defaults to 10 seconds so that an
// unreachable server is reported instead of hanging the daemon.
DatabaseUrl parseDatabaseUrl(const std::string& url);

}  // namespace crmsync::crmdb
