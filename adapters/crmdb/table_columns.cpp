#include "adapters/crmdb/table_columns.h"

#include <soci/soci.h>

#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

std::map<std::string, std::set<std::string>> sqliteColumns(soci::session& sql) {
    std::map<std::string, std::set<std::string>> out;
    std::vector<std::string> tables;
    soci::rowset<std::string> names =
        (sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table'");
    for (const auto& name : names) {
        tables.push_back(name);
    }
    for (const auto& table : tables) {
        auto& columns = out[table];
        // PRAGMA takes no bound parameters; the name comes from sqlite_master, not from a user.
        soci::rowset<soci::row> rows = (sql.prepare << "PRAGMA table_info(\"" + table + "\")");
        for (const auto& row : rows) {
            columns.insert(row.get<std::string>(1));
        }
    }
    return out;
}

std::map<std::string, std::set<std::string>> postgresColumns(soci::session& sql) {
    std::map<std::string, std::set<std::string>> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema()");
    for (const auto& row : rows) {
        out[row.get<std::string>(0)].insert(row.get<std::string>(1));
    }
    return out;
}

}  // namespace

std::map<std::string, std::set<std::string>> tableColumns(soci::session& sql,
                                                          core::SqlDialect dialect) {
    try {
        return dialect == core::SqlDialect::Sqlite ? sqliteColumns(sql) : postgresColumns(sql);
    } catch (const soci::soci_error& e) {
        throw Error(std::string("CRM database: cannot read the table columns: ") + e.what());
    }
}

}  // namespace crmsync::crmdb
