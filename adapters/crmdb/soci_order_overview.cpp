#include "adapters/crmdb/soci_order_overview.h"

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

namespace {

constexpr std::size_t kSummaryColumns = 9;

std::string text(const std::string& expression) { return "COALESCE(" + expression + ", '')"; }

std::string decimalText(const std::string& column, core::SqlDialect dialect) {
    return text(dialect == core::SqlDialect::Sqlite ? column : "CAST(" + column + " AS TEXT)");
}

std::string timeText(const std::string& column, core::SqlDialect dialect) {
    return text(dialect == core::SqlDialect::Sqlite
                    ? column
                    : "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS')");
}

// The rows of the order and of its lines in a table keyed by (entity or table, id).
std::string ofOrder(const std::string& alias, const std::string& key_column,
                    const std::string& id_column, const std::string& order_key,
                    const std::string& line_key) {
    return "((" + alias + "." + key_column + " = '" + order_key + "' AND " + alias + "." +
           id_column + " = o.id) OR (" + alias + "." + key_column + " = '" + line_key + "' AND " +
           alias + "." + id_column + " IN (SELECT l.id FROM order_line l WHERE l.order_id = o.id)))";
}

// The state rule of core::kOrderStates, in its order.
std::string stateSql() {
    std::string outbox = "SELECT 1 FROM outbox m WHERE " +
                         ofOrder("m", "table_name", "row_id", "sales_order", "order_line");
    return "CASE WHEN EXISTS (SELECT 1 FROM conflict k WHERE k.status = 'open' AND " +
           ofOrder("k", "entity", "crm_id", "order", "order_line") +
           ") THEN 'conflict' "
           "WHEN EXISTS (" + outbox + " AND m.state = 'dead') OR EXISTS (SELECT 1 FROM "
           "quarantine q WHERE q.entity = 'order' AND q.resolved_run_id IS NULL AND "
           "q.onec_key = b.onec_key) THEN 'error' "
           "WHEN (b.onec_key IS NULL AND NOT EXISTS (SELECT 1 FROM order_exchange x WHERE "
           "x.order_id = o.id AND x.acked_hash <> '')) OR EXISTS (" + outbox +
           " AND m.state = 'pending') OR EXISTS (SELECT 1 FROM order_exchange x WHERE "
           "x.order_id = o.id AND x.sent_hash <> '' AND x.sent_hash <> x.acked_hash) "
           "THEN 'waiting' ELSE 'in_1c' END";
}

std::string summarySql(core::SqlDialect dialect) {
    return "SELECT o.id AS id, " + text("o.number") + " AS crm_number, " +
           text("o.onec_number") + " AS onec_number, " + text("o.status") + " AS onec_status, " +
           timeText("o.ordered_at", dialect) + " AS order_date, " + text("cp.name") +
           " AS counterparty, " + text("cp.inn") + " AS inn, " +
           decimalText("o.amount", dialect) + " AS total, " + stateSql() +
           " AS state FROM sales_order o LEFT JOIN counterparty cp ON cp.id = o.counterparty_id "
           "LEFT JOIN binding b ON b.entity = 'order' AND b.crm_id = o.id";
}

core::OrderSummary readSummary(PreparedStatement& st) {
    core::OrderSummary order;
    order.id = st.integer(0);
    order.crm_number = st.text(1);
    order.onec_number = st.text(2);
    order.onec_status = st.text(3);
    order.date = st.text(4);
    order.counterparty = st.text(5);
    order.inn = st.text(6);
    order.total = st.text(7);
    order.state = st.text(8);
    return order;
}

// `text` as a LIKE pattern that matches it anywhere, its own % and _ taken literally.
std::string containsPattern(const std::string& text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

}  // namespace

std::vector<core::OrderSummary> SociOrderOverview::list(const core::OrderFilter& filter) {
    connection_.ensureConnected();
    std::string sql = "SELECT * FROM (" + summarySql(connection_.dialect()) + ") v WHERE 1 = 1";
    std::string kinds;
    std::size_t p = 0;
    auto param = [&](char kind) {
        kinds += kind;
        return ":p" + std::to_string(p++);
    };
    if (!filter.text.empty()) {
        // lower() folds ASCII on SQLite, every alphabet on PostgreSQL. One parameter per
        // LIKE: SOCI numbers PostgreSQL's parameters by occurrence, not by name.
        std::string any;
        for (const char* column : {"crm_number", "onec_number", "counterparty", "inn"}) {
            any += std::string(any.empty() ? "" : " OR ") + "lower(" + column + ") LIKE lower(" +
                   param('t') + ") ESCAPE '\\'";
        }
        sql += " AND (" + any + ")";
    }
    if (!filter.state.empty()) {
        sql += " AND state = " + param('t');
    }
    if (!filter.from.empty()) {
        sql += " AND substr(order_date, 1, 10) >= " + param('t');
    }
    if (!filter.to.empty()) {
        sql += " AND order_date <> '' AND substr(order_date, 1, 10) <= " + param('t');
    }
    if (filter.before_id > 0) {
        sql += " AND id < " + param('i');
    }
    sql += " ORDER BY id DESC LIMIT " + param('i');
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(sql, kinds, kSummaryColumns);
            std::size_t i = 0;
            if (!filter.text.empty()) {
                for (int n = 0; n < 4; ++n) {
                    st.setText(i++, containsPattern(filter.text));
                }
            }
            for (const auto* value : {&filter.state, &filter.from, &filter.to}) {
                if (!value->empty()) {
                    st.setText(i++, *value);
                }
            }
            if (filter.before_id > 0) {
                st.setInteger(i++, filter.before_id);
            }
            st.setInteger(i, static_cast<std::int64_t>(filter.limit));
            std::vector<core::OrderSummary> orders;
            for (bool more = st.execute(); more; more = st.fetch()) {
                orders.push_back(readSummary(st));
            }
            return orders;
        },
        [] { return std::string("list orders"); });
}

std::optional<core::OrderSummary> SociOrderOverview::find(std::int64_t id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::OrderSummary> {
            auto& st = connection_.statement(
                "SELECT * FROM (" + summarySql(connection_.dialect()) + ") v WHERE id = :p0", "i",
                kSummaryColumns);
            st.setInteger(0, id);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return readSummary(st);
        },
        [&] { return "read order " + std::to_string(id); });
}

std::vector<core::OrderLineSummary> SociOrderOverview::lines(std::int64_t order_id) {
    connection_.ensureConnected();
    auto d = connection_.dialect();
    std::string sql = "SELECT l.id, " + text("COALESCE(p.name, l.name)") + ", " +
                      decimalText("l.quantity", d) + ", " + decimalText("l.price", d) + ", " +
                      decimalText("l.amount", d) +
                      " FROM order_line l LEFT JOIN product p ON p.id = l.product_id "
                      "WHERE l.order_id = :p0 ORDER BY l.line_no, l.id";
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(sql, "i", 5);
            st.setInteger(0, order_id);
            std::vector<core::OrderLineSummary> lines;
            for (bool more = st.execute(); more; more = st.fetch()) {
                lines.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4)});
            }
            return lines;
        },
        [&] { return "read the lines of order " + std::to_string(order_id); });
}

}  // namespace crmsync::crmdb
