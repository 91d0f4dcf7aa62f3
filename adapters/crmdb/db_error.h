#pragma once
// Turns SOCI's exceptions into crmsync's, so that the engine can tell "retry later" from
// "this is wrong" without knowing SQL.
#include <string>

#include <soci/error.h>
#include <soci/session.h>

namespace crmsync::crmdb {

// Throws crmsync::ExternalUnavailable when the database is unreachable, went away, is busy
// beyond the busy timeout, is out of space or gave up on a deadlock (all worth a retry), and
// crmsync::Error otherwise. The message reads "CRM database: <context>: <reason>"; `context`
// names the operation and table ("insert into product"), never values or passwords.
[[noreturn]] void throwDbError(soci::session& sql, const soci::soci_error& error,
                               const std::string& context);

// Throws soci::sqlite3_soci_error(message, code) for the statements that call SQLite's C API
// directly (sqlite_statement.h), so that their failures take the same way through
// throwDbError() as SOCI's.
[[noreturn]] void throwSqliteError(int code, const std::string& message);

// A database message on one line: libpq's span several, a log line or an exception must not.
std::string oneLine(std::string text);

// True when a PostgreSQL connection is known to be broken (the server closed it or the
// network dropped it); such a session must be reconnected before use. Always false on SQLite.
bool connectionBroken(soci::session& sql);

}  // namespace crmsync::crmdb
