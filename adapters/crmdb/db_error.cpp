#include "adapters/crmdb/db_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

// Primary SQLite result codes that mean "not now" rather than "wrong".
bool sqliteTransient(int code) {
    switch (code & 0xff) {
        case 5:   // SQLITE_BUSY: another process holds the lock past busy_timeout
        case 6:   // SQLITE_LOCKED
        case 7:   // SQLITE_NOMEM
        case 10:  // SQLITE_IOERR
        case 13:  // SQLITE_FULL: disk full
        case 14:  // SQLITE_CANTOPEN
        case 15:  // SQLITE_PROTOCOL
            return true;
        default:
            return false;
    }
}

// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P01..03 server
// shutting down or starting, 40001/40P01 serialization failure and deadlock.
bool postgresTransient(const std::string& state) {
    return state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 ||
           state.rfind("57P0", 0) == 0 || state == "40001" || state == "40P01";
}

// Primary SQLite result codes that mean "these values do not go in".
bool sqliteRefusesData(int code) {
    switch (code & 0xff) {
        case 18:  // SQLITE_TOOBIG
        case 19:  // SQLITE_CONSTRAINT: NOT NULL, UNIQUE, CHECK, FOREIGN KEY, RAISE(ABORT)
        case 20:  // SQLITE_MISMATCH
            return true;
        default:
            return false;
    }
}

// SQLSTATE classes 22 data exception (a value out of range, bad encoding) and 23 integrity
// constraint violation, and P0001 raise_exception: a trigger of the CRM's own said no.
bool postgresRefusesData(const std::string& state) {
    return state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 || state == "P0001";
}

std::string reasonOf(const soci::soci_error& error) { return oneLine(error.get_error_message()); }

}  // namespace

bool connectionBroken(soci::session& sql) {
    // libsoci_postgresql exports no typeinfo for its backend, so ask by name, not dynamic_cast.
    if (sql.get_backend() == nullptr || sql.get_backend_name() != "postgresql") {
        return false;
    }
    auto* pg = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    return pg->conn_ == nullptr || PQstatus(pg->conn_) != CONNECTION_OK;
}

std::string oneLine(std::string text) {
    for (char& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text;
}

void throwSqliteError(int code, const std::string& message) {
    throw soci::sqlite3_soci_error(message, code);
}

void throwDbError(soci::session& sql, const soci::soci_error& error, const std::string& context) {
    std::string message = "CRM database: " + context + ": " + reasonOf(error);
    bool transient = error.get_error_category() == soci::soci_error::connection_error;
    bool refused = false;
    if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        transient = transient || sqliteTransient(lite->result());
        refused = sqliteRefusesData(lite->result());
    }
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
        transient = transient || postgresTransient(pg->sqlstate());
        refused = postgresRefusesData(pg->sqlstate());
    }
    if (transient || connectionBroken(sql)) {
        throw ExternalUnavailable(message);
    }
    if (refused) {
        throw DataRefused(message);
    }
    throw Error(message);
}

}  // namespace crmsync::crmdb
