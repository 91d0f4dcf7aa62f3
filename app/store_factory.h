#pragma once
// Opens the CRM database named by a URL (sqlite:///path or postgresql://user@host:port/db).
// Only the commands that fill a database create one (migrate, serve, import, odata pull, through
// openMigratedStore); the others open what exists, so a mistyped URL is an error instead of a
// new empty database.
#include <memory>
#include <string>

#include "crmcore/crm_store.h"

namespace crmsync::app {

// Opens the store and brings its schema up to date (idempotent), creating the database (a SQLite
// file) when there is none. Throws crmsync::ConfigError for a malformed URL and
// crmsync::ExternalUnavailable when the database cannot be reached.
std::unique_ptr<core::CrmStore> openMigratedStore(const std::string& url);

// Opens a database that holds a crmsync schema as it is, neither creating nor upgrading it: for
// the commands that only read (journal, mapping preview). Throws crmsync::Error naming the
// database, and saying to run crmsync migrate, when a SQLite file is missing, when the database
// has no crmsync schema (a PostgreSQL database nobody migrated, any file that is not a CRM
// database) or an older one; otherwise as openMigratedStore.
std::unique_ptr<core::CrmStore> openExistingStore(const std::string& url);

// openExistingStore's refusal of a missing database alone (an older schema passes), for a
// command that reads the database through a session of its own (mapping check --db) or one
// that may upgrade a database but has nothing to put into a new one (odata push).
void requireExistingDatabase(const std::string& url);


}  // namespace crmsync::app
