#include "adapters/crmdb/row_lookup.h"

#include <charconv>

#include "adapters/crmdb/column_text.h"
#include "crmcore/decimal.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

bool isText(core::ColumnType type) {
    return type == core::ColumnType::Text || type == core::ColumnType::Json;
}

const core::ColumnSpec& columnOf(const core::EntitySpec& spec, const std::string& name) {
    const core::ColumnSpec* column = spec.column(name);
    if (column == nullptr) {
        throw Error("CRM database: " + spec.name + " has no column '" + name + "'");
    }
    return *column;
}

bool isInteger(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end;
}

}  // namespace

std::string findRowIdsSql(const core::EntitySpec& spec, const core::Row& match) {
    std::string sql = "SELECT " + quoted("id") + " FROM " + quoted(spec.table) + " WHERE " +
                      quoted("active") + " = 1";
    std::size_t p = 0;
    for (const auto& cv : match) {
        const core::ColumnSpec& column = columnOf(spec, cv.column);
        std::string name = quoted(column.name);
        if (cv.text) {
            sql += " AND " + name + " = :p" + std::to_string(p++);
        } else if (isText(column.type)) {
            sql += " AND (" + name + " IS NULL OR " + name + " = '')";
        } else {
            sql += " AND " + name + " IS NULL";
        }
    }
    return sql + " ORDER BY " + quoted("id");
}

std::optional<std::string> comparableText(core::ColumnType type, const std::string& text,
                                          core::SqlDialect dialect) {
    switch (type) {
        case core::ColumnType::Decimal: {
            auto decimal = core::Decimal::parse(text);
            return decimal ? std::optional(decimal->toString()) : std::nullopt;
        }
        case core::ColumnType::Integer:
        case core::ColumnType::Reference:
            return isInteger(text) ? std::optional(text) : std::nullopt;
        case core::ColumnType::Boolean:
            return text == "0" || text == "1" ? std::optional(text) : std::nullopt;
        case core::ColumnType::Timestamp:
            return dialect == core::SqlDialect::Sqlite ? normalizeTimestamp(text) : text;
        default:
            return text;
    }
}

std::vector<std::int64_t> findRowIds(CrmConnection& connection, const core::EntitySpec& spec,
                                     const core::Row& match) {
    if (match.empty()) {
        throw Error("CRM database: a row lookup of " + spec.name + " needs at least one column");
    }
    std::vector<std::string> params;
    for (const auto& cv : match) {
        if (!cv.text) {
            continue;
        }
        auto text = comparableText(columnOf(spec, cv.column).type, *cv.text, connection.dialect());
        if (!text) {
            return {};
        }
        params.push_back(std::move(*text));
    }
    std::string sql = findRowIdsSql(spec, match);
    return connection.guard(
        [&] {
            std::vector<std::int64_t> ids;
            auto& st = connection.statement(sql, std::string(params.size(), 't'), 1);
            for (std::size_t i = 0; i < params.size(); ++i) {
                st.setText(i, params[i]);
            }
            for (bool row = st.execute(); row; row = st.fetch()) {
                ids.push_back(st.integer(0));
            }
            return ids;
        },
        [&] { return "look up " + spec.name + " rows"; });
}

}  // namespace crmsync::crmdb
