#pragma once
// The SQL text of every statement the store runs, for both dialects. Table and column names
// come only from core::EntitySpec (never from data) and are quoted, so a table named like a
// keyword ("order") or a future column name cannot break a statement. Placeholders are
// :p0, :p1, ... in binding order.
#include <cstdint>
#include <string>
#include <string_view>

#include "crmcore/entity_catalog.h"
#include "crmcore/journal_entry.h"
#include "crmcore/schema.h"

namespace crmsync::crmdb {

// The columns a row statement writes: bit i stands for spec.columns[i], kActiveColumn for
// "active". Parameters follow "active" first, then the entity's columns in catalog order.
using ColumnSet = std::uint64_t;
inline constexpr ColumnSet kActiveColumn = ColumnSet{1} << 63;

std::string quoted(std::string_view identifier);
// A TIMESTAMP column read as "YYYY-MM-DDThh:mm:ss.mmmZ": SQLite already stores that text (the
// schema's {NOW} default writes it); PostgreSQL has to format it.
std::string utcText(const std::string& column, core::SqlDialect dialect);
// The database clock now, and `:p<param>` milliseconds from now, as the schema stores times.
std::string nowSql(core::SqlDialect dialect);
std::string nowPlusMillisSql(core::SqlDialect dialect, int param);

// INSERT of one row; on PostgreSQL with RETURNING id (SQLite: read last_insert_rowid()).
// "active" is 1 unless the set includes it.
std::string insertRowSql(const core::EntitySpec& spec, ColumnSet columns,
                         core::SqlDialect dialect);
// UPDATE .. WHERE id = the last parameter.
std::string updateRowSql(const core::EntitySpec& spec, ColumnSet columns);
// "active", then every column in catalog order, of the row whose id is :p0.
std::string selectRowSql(const core::EntitySpec& spec);
// onec_key, crm_id, content_hash, snapshot, onec_version of bindings of entity :p0 whose row
// is active.
std::string activeBindingsSql(const core::EntitySpec& spec);

// Bindings: (entity, onec_key) -> crm_id, content_hash, snapshot, onec_version.
std::string findBindingSql();
// How a binding is written: Insert for a key the transaction found unbound, where a binding
// another writer made meanwhile is refused (PRIMARY KEY) rather than overwritten; Upsert
// inserts or replaces.
enum class BindingWrite { Insert, Upsert };
// Writes the binding of (entity, onec_key); a second key for the same crm_id violates
// UNIQUE (entity, crm_id) and fails. On SQLite synced_at is :p6, the transaction's time (see
// transactionTimeParameter()); PostgreSQL's now() is that already.
std::string saveBindingSql(core::SqlDialect dialect, BindingWrite write);
// onec_key and `column` (content_hash, onec_version) of entity :p0 for the keys :p1 .. :p<keys>.
std::string bindingLookupSql(std::string_view column, std::size_t keys);

// `rows` journal rows in one INSERT, each taking journalColumns() parameters in the order of
// core::JournalEntry's fields; on SQLite the last is `at`, the transaction's time (PostgreSQL's
// default now() is that).
std::string appendJournalSql(core::SqlDialect dialect, std::size_t rows);
// Records that the transaction journaled entities: on PostgreSQL all of them, :p0 a text array,
// at the transaction's time; on SQLite one, :p0, at :p1 (the transaction's time). A row keeps
// the later time when a transaction that began earlier commits later.
std::string noteJournalLatestSql(core::SqlDialect dialect);
// PostgreSQL: the same columns for COPY FROM STDIN (pg_copy.h), `at` left to its default.
std::string copyJournalSql();
std::size_t journalColumns(core::SqlDialect dialect);

// Whether the statements above take the transaction's time as their last parameter. SQLite's
// strftime() in a default costs a measurable share of an import when run for every row, and
// per row it gave each row of one transaction a different time, unlike PostgreSQL.
inline bool transactionTimeParameter(core::SqlDialect dialect) {
    return dialect == core::SqlDialect::Sqlite;
}
std::string addQuarantineSql();
std::string findOpenQuarantineSql();
std::string resolveQuarantineSql();
std::string openQuarantineKeysSql();

std::string startRunSql();
std::string finishRunSql(core::SqlDialect dialect);
std::string selectRunSql(core::SqlDialect dialect);
// The newest runs below id :p0 (0 is no bound), at most :p1.
std::string recentRunsSql(core::SqlDialect dialect);

// One page of the journal in seq order: seq > :p0, then the filters of `query` that are set, in
// the order entity, onec_key, run_id, origin, op, since, until, crm_id; LIMIT is the last parameter.
// `kinds` gets the parameter kinds ('i' integer, 't' text) in that order.
std::string journalPageSql(core::SqlDialect dialect, const core::JournalQuery& query,
                           std::string& kinds);
// Quarantine rows oldest first: all of them, those of one run, or one (the parameter :p0).
enum class QuarantineFilter { All, ByRun, ById };
std::string quarantineSql(core::SqlDialect dialect, QuarantineFilter filter);

}  // namespace crmsync::crmdb
