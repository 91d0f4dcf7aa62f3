#pragma once
// Brings a CRM database to the schema this build knows (core::schemaMigrations()).
#include <soci/session.h>

#include "crmcore/schema.h"

namespace crmsync::crmdb {

// Applies the migrations not yet recorded in schema_migrations, each in its own transaction
// together with its schema_migrations row, and returns how many it applied (0 when the schema
// is current, so running it at every start is cheap and safe). On PostgreSQL each step holds
// pg_advisory_xact_lock, and on SQLite BEGIN IMMEDIATE, so two daemons migrating the same
// database at once apply every migration exactly once. Throws crmsync::Error when the database
// is newer than this build (a downgrade would corrupt it), ExternalUnavailable when the
// database cannot be reached, and crmsync::Error naming the version when a statement fails
// (that migration is rolled back; earlier ones stay).
int migrate(soci::session& sql, core::SqlDialect dialect);

// The highest applied migration, 0 for an empty database.
int schemaVersion(soci::session& sql);

}  // namespace crmsync::crmdb
