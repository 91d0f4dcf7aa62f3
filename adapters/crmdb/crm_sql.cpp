#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

namespace {

std::string param(std::size_t index) { return ":p" + std::to_string(index); }

bool has(ColumnSet set, std::size_t column) { return (set >> column) & 1U; }


std::string now(core::SqlDialect dialect) { return core::sqlFor("{NOW}", dialect); }

}  // namespace

std::string utcText(const std::string& column, core::SqlDialect dialect) {
    if (dialect == core::SqlDialect::Sqlite) {
        return column;
    }
    return "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::string nowSql(core::SqlDialect dialect) { return core::sqlFor("{NOW}", dialect); }

std::string nowPlusMillisSql(core::SqlDialect dialect, int param) {
    std::string p = ":p" + std::to_string(param);
    if (dialect == core::SqlDialect::PostgreSql) {
        return "((now() AT TIME ZONE 'utc') + " + p + " * interval '1 millisecond')";
    }
    return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', (" + p + " / 1000.0) || ' seconds')";
}

std::string quoted(std::string_view identifier) {
    std::string out = "\"";
    for (char c : identifier) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string insertRowSql(const core::EntitySpec& spec, ColumnSet columns,
                         core::SqlDialect dialect) {
    std::string names = quoted("active");
    std::string values;
    std::size_t p = 0;
    values = (columns & kActiveColumn) ? param(p++) : "1";
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (has(columns, i)) {
            names += ", " + quoted(spec.columns[i].name);
            values += ", " + param(p++);
        }
    }
    std::string sql =
        "INSERT INTO " + quoted(spec.table) + " (" + names + ") VALUES (" + values + ")";
    // SQLite hands the new id out through last_insert_rowid() for free; its RETURNING buffers
    // the row in a temporary table, which costs a measurable share of a catalog import.
    return dialect == core::SqlDialect::Sqlite ? sql : sql + " RETURNING " + quoted("id");
}

std::string updateRowSql(const core::EntitySpec& spec, ColumnSet columns) {
    std::string sets;
    std::size_t p = 0;
    auto add = [&](std::string_view name) {
        sets += (sets.empty() ? "" : ", ") + quoted(name) + " = " + param(p++);
    };
    if (columns & kActiveColumn) {
        add("active");
    }
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (has(columns, i)) {
            add(spec.columns[i].name);
        }
    }
    return "UPDATE " + quoted(spec.table) + " SET " + sets + " WHERE " + quoted("id") + " = " +
           param(p);
}

std::string selectRowSql(const core::EntitySpec& spec) {
    std::string names = quoted("active");
    for (const auto& column : spec.columns) {
        names += ", " + quoted(column.name);
    }
    return "SELECT " + names + " FROM " + quoted(spec.table) + " WHERE " + quoted("id") +
           " = :p0";
}

std::string activeBindingsSql(const core::EntitySpec& spec) {
    return "SELECT b.onec_key, b.crm_id FROM binding b JOIN " +
           quoted(spec.table) + " e ON e." + quoted("id") +
           " = b.crm_id WHERE b.entity = :p0 AND e." + quoted("active") + " = 1";
}

std::string findBindingSql() {
    return "SELECT crm_id, content_hash, snapshot, onec_version FROM binding "
           "WHERE entity = :p0 AND onec_key = :p1";
}

std::string saveBindingSql(core::SqlDialect dialect, BindingWrite write) {
    std::string insert =
        "INSERT INTO binding (entity, onec_key, crm_id, content_hash, snapshot, "
        "onec_version, synced_at) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, " +
        (transactionTimeParameter(dialect) ? param(6) : now(dialect)) + ")";
    if (write == BindingWrite::Insert) {
        return insert;
    }
    return insert + " ON CONFLICT (entity, onec_key) DO UPDATE SET crm_id = excluded.crm_id, "
           "content_hash = excluded.content_hash, snapshot = excluded.snapshot, "
           "onec_version = excluded.onec_version, synced_at = excluded.synced_at";
}

std::string bindingLookupSql(std::string_view column, std::size_t keys) {
    std::string list;
    for (std::size_t i = 1; i <= keys; ++i) {
        list += (i == 1 ? "" : ", ") + param(i);
    }
    return "SELECT onec_key, " + std::string(column) +
           " FROM binding WHERE entity = :p0 AND onec_key IN (" + list + ")";
}

std::size_t journalColumns(core::SqlDialect dialect) {
    return transactionTimeParameter(dialect) ? 13 : 12;
}

namespace {

std::string journalColumnList(core::SqlDialect dialect) {
    return std::string("journal (run_id, entity, onec_key, crm_id, origin, op, before, after, "
                       "policy, mapping_version, lineage, actor") +
           (transactionTimeParameter(dialect) ? ", at" : "") + ")";
}

}  // namespace

std::string noteJournalLatestSql(core::SqlDialect dialect) {
    if (dialect == core::SqlDialect::PostgreSql) {
        // Sorted, so that two transactions lock the entities' rows in the same order.
        return "INSERT INTO journal_latest (entity, at) SELECT e, " + nowSql(dialect) +
               " FROM unnest(CAST(:p0 AS text[])) AS e ORDER BY e ON CONFLICT (entity) DO "
               "UPDATE SET at = GREATEST(journal_latest.at, EXCLUDED.at)";
    }
    return "INSERT INTO journal_latest (entity, at) VALUES (:p0, :p1) ON CONFLICT (entity) DO "
           "UPDATE SET at = MAX(journal_latest.at, excluded.at)";
}

std::string copyJournalSql() {
    return "COPY " + journalColumnList(core::SqlDialect::PostgreSql) + " FROM STDIN";
}

std::string appendJournalSql(core::SqlDialect dialect, std::size_t rows) {
    const std::size_t columns = journalColumns(dialect);
    std::string sql = "INSERT INTO " + journalColumnList(dialect) + " VALUES ";
    std::size_t p = 0;
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (std::size_t column = 0; column < columns; ++column) {
            sql += (column == 0 ? "" : ", ") + param(p++);
        }
        sql += ")";
    }
    return sql;
}

std::string addQuarantineSql() {
    return "INSERT INTO quarantine (run_id, entity, onec_key, source_file, source_line, "
           "reason, record, content_hash) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7)";
}

std::string findOpenQuarantineSql() {
    return "SELECT id FROM quarantine WHERE entity = :p0 AND onec_key = :p1 AND "
           "content_hash = :p2 AND resolved_run_id IS NULL LIMIT 1";
}

std::string resolveQuarantineSql() {
    return "UPDATE quarantine SET resolved_run_id = :p0 WHERE entity = :p1 AND onec_key = :p2 "
           "AND resolved_run_id IS NULL";
}

std::string openQuarantineKeysSql() {
    return "SELECT DISTINCT entity, onec_key FROM quarantine WHERE resolved_run_id IS NULL";
}

std::string startRunSql() {
    return "INSERT INTO sync_run (kind, input, status) VALUES (:p0, :p1, 'running') "
           "RETURNING id";
}

std::string finishRunSql(core::SqlDialect dialect) {
    return "UPDATE sync_run SET status = :p0, error = :p1, finished_at = " + now(dialect) +
           ", read_count = :p2, inserted = :p3, updated = :p4, unchanged = :p5, "
           "deactivated = :p6, quarantined = :p7 WHERE id = :p8";
}

std::string selectRunSql(core::SqlDialect dialect) {
    return "SELECT id, kind, input, status, error, " + utcText("started_at", dialect) + ", " +
           utcText("finished_at", dialect) +
           ", read_count, inserted, updated, unchanged, deactivated, quarantined "
           "FROM sync_run WHERE id = :p0";
}

std::string recentRunsSql(core::SqlDialect dialect) {
    return "SELECT id, kind, input, status, error, " + utcText("started_at", dialect) + ", " +
           utcText("finished_at", dialect) +
           ", read_count, inserted, updated, unchanged, deactivated, quarantined "
           "FROM sync_run WHERE (:p0 = 0 OR id < :p1) ORDER BY id DESC LIMIT :p2";
}

std::string journalPageSql(core::SqlDialect dialect, const core::JournalQuery& query,
                           std::string& kinds) {
    std::string sql = "SELECT seq, " + utcText("at", dialect) +
                      ", run_id, entity, onec_key, crm_id, origin, op, before, after, policy, "
                      "mapping_version, lineage, actor FROM journal WHERE seq > :p0";
    kinds = "i";
    std::size_t p = 1;
    auto filter = [&](bool set, const std::string& condition, char kind,
                      bool timestamp = false) {
        if (set) {
            std::string value = param(p++);
            if (timestamp && dialect != core::SqlDialect::Sqlite) {
                // PostgreSQL's TIMESTAMP takes the ISO text and ignores its "Z" (the column
                // holds UTC); SQLite's column is that text, which sorts in time order.
                value = "CAST(" + value + " AS TIMESTAMP)";
            }
            sql += " AND " + condition + value;
            kinds += kind;
        }
    };
    filter(query.entity.has_value(), "entity = ", 't');
    filter(query.onec_key.has_value(), "onec_key = ", 't');
    filter(query.run_id.has_value(), "run_id = ", 'i');
    filter(query.origin.has_value(), "origin = ", 't');
    filter(query.op.has_value(), "op = ", 't');
    filter(query.since.has_value(), "at >= ", 't', true);
    filter(query.until.has_value(), "at < ", 't', true);
    filter(query.crm_id.has_value(), "crm_id = ", 'i');
    filter(query.actor.has_value(), "actor = ", 't');
    kinds += 'i';
    return sql + " ORDER BY seq LIMIT " + param(p);
}

std::string quarantineSql(core::SqlDialect dialect, QuarantineFilter filter) {
    const char* where = filter == QuarantineFilter::ByRun  ? " WHERE run_id = :p0"
                        : filter == QuarantineFilter::ById ? " WHERE id = :p0"
                                                           : "";
    return "SELECT id, " + utcText("at", dialect) +
           ", run_id, entity, onec_key, source_file, source_line, reason, record, "
           "content_hash, resolved_run_id FROM quarantine" +
           std::string(where) + " ORDER BY id";
}

}  // namespace crmsync::crmdb
