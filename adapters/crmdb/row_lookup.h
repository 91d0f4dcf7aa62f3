#pragma once
// Finding CRM rows by the values of some of their columns (core::CrmRows::findIds): the SQL,
// the parameter forms per column type, and the query itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/crmdb/crm_connection.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::crmdb {

// SELECT id of the active rows whose columns in `match` equal :p0, :p1, ... in order; a null
// value of `match` compares with IS NULL (or '' for text) and takes no parameter.
std::string findRowIdsSql(const core::EntitySpec& spec, const core::Row& match);

// The text to bind for comparing a column of `type` with `text`, in the form the column
// stores; nullopt when no value of the column can equal it (letters in a decimal or an id).
std::optional<std::string> comparableText(core::ColumnType type, const std::string& text,
                                          core::SqlDialect dialect);

// The query on `connection`, which must be inside a transaction.
std::vector<std::int64_t> findRowIds(CrmConnection& connection, const core::EntitySpec& spec,
                                     const core::Row& match);

}  // namespace crmsync::crmdb
