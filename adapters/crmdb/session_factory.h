#pragma once
// Opens a SOCI session on the CRM database with the settings crmsync relies on.
#include <memory>

#include <soci/session.h>

#include "adapters/crmdb/database_url.h"

struct sqlite3;

namespace crmsync::crmdb {

// SQLite: creates the file's parent directory if missing, then sets WAL journaling,
// synchronous=NORMAL (durable at each checkpoint, safe against crashes of the process),
// foreign keys on and a 10 s busy timeout so a second process waits instead of failing.
// Throws crmsync::ExternalUnavailable naming the redacted URL and the reason when the
// database cannot be opened. The session is not thread safe: one per thread.
std::unique_ptr<soci::session> openSession(const DatabaseUrl& url);

// Re-applies the per-connection settings after soci::session::reconnect().
void applySessionSettings(soci::session& sql, const DatabaseUrl& url);

// The SQLite connection under a session opened on SQLite (nullptr on any other database), for
// the statements that use SQLite's C API. Owned by the session; invalid once it reconnects.
sqlite3* sqliteHandle(soci::session& sql);

}  // namespace crmsync::crmdb
