#pragma once
// The columns the CRM database really has, so `crmsync mapping check --db` can tell a mapping
// that targets a column the database lacks (not migrated, or dropped by hand).
#include <map>
#include <set>
#include <string>

#include <soci/session.h>

#include "crmcore/schema.h"

namespace crmsync::crmdb {

// table -> column names, for every table of the current schema (PRAGMA table_info on SQLite,
// information_schema.columns on PostgreSQL). Throws crmsync::Error on a database failure.
std::map<std::string, std::set<std::string>> tableColumns(soci::session& sql,
                                                          core::SqlDialect dialect);

}  // namespace crmsync::crmdb
