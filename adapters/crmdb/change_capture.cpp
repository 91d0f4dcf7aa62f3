#include "adapters/crmdb/change_capture.h"

#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "adapters/crmdb/crm_sql.h"
#include "adapters/crmdb/table_columns.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::crmdb {

namespace {

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

// A JSON array of the names of `columns` for which `condition` (with %c for the quoted
// column) holds, e.g. NEW."name" IS NOT OLD."name".
std::string changedColumns(const std::set<std::string>& columns, const std::string& condition) {
    std::string select;
    for (const auto& column : columns) {
        if (column == "id") {
            continue;
        }
        std::string test = condition;
        for (auto at = test.find("%c"); at != std::string::npos; at = test.find("%c")) {
            test.replace(at, 2, quoted(column));
        }
        select += (select.empty() ? "SELECT " : " UNION ALL SELECT ") + literal(column) +
                  (select.empty() ? " AS c" : "") + " WHERE " + test;
    }
    return select;
}

struct Trigger {
    std::string name;
    std::string sql;
};

std::vector<Trigger> triggersFor(const std::string& table, const std::set<std::string>& columns) {
    // crmsync's own transactions hold a row in sync_writer (CrmConnection::begin).
    const std::string when = " WHEN NOT EXISTS (SELECT 1 FROM sync_writer) BEGIN ";
    const std::string insert = "INSERT INTO crm_change (table_name, row_id, op, columns) ";
    std::string on = " ON " + quoted(table);
    return {
        {table + "_capture_insert",
         "CREATE TRIGGER " + quoted(table + "_capture_insert") + " AFTER INSERT" + on + when +
             insert + "SELECT " + literal(table) + ", NEW.id, 'insert', json_group_array(c) FROM (" +
             changedColumns(columns, "NEW.%c IS NOT NULL") + "); END"},
        {table + "_capture_update",
         "CREATE TRIGGER " + quoted(table + "_capture_update") + " AFTER UPDATE" + on + when +
             insert + "SELECT " + literal(table) + ", NEW.id, 'update', json_group_array(c) FROM (" +
             changedColumns(columns, "NEW.%c IS NOT OLD.%c") + ") HAVING count(*) > 0; END"},
        {table + "_capture_delete",
         "CREATE TRIGGER " + quoted(table + "_capture_delete") + " AFTER DELETE" + on + when +
             insert + "VALUES (" + literal(table) + ", OLD.id, 'delete', '[]'); END"},
    };
}

}  // namespace

int installChangeCapture(soci::session& sql, core::SqlDialect dialect) {
    if (dialect != core::SqlDialect::Sqlite) {
        return 0;
    }
    auto columns = tableColumns(sql, dialect);
    int made = 0;
    for (const auto& entity : core::entityCatalog()) {
        auto found = columns.find(entity.table);
        if (found == columns.end()) {
            continue;
        }
        for (const auto& trigger : triggersFor(entity.table, found->second)) {
            std::string installed;
            soci::indicator ind = soci::i_null;
            sql << "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n",
                soci::use(trigger.name), soci::into(installed, ind);
            if (ind == soci::i_ok && installed == trigger.sql) {
                continue;
            }
            if (ind == soci::i_ok) {
                sql << "DROP TRIGGER " + quoted(trigger.name);
            }
            sql << trigger.sql;
            ++made;
        }
    }
    return made;
}

}  // namespace crmsync::crmdb
