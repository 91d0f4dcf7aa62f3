#pragma once
// The SQL both conflict ports read rows with, and the row they make of it.
#include <string>

#include "adapters/crmdb/prepared_statement.h"
#include "crmcore/conflict.h"
#include "crmcore/schema.h"

namespace crmsync::crmdb {

// "SELECT <every column of conflict> FROM conflict": append WHERE/ORDER BY.
std::string selectConflictSql(core::SqlDialect dialect);
inline constexpr std::size_t kConflictColumns = 22;
core::Conflict readConflict(const PreparedStatement& st);

}  // namespace crmsync::crmdb
