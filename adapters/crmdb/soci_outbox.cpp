#include "adapters/crmdb/soci_outbox.h"

#include "adapters/crmdb/crm_sql.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

constexpr std::size_t kOutboxColumns = 15;

std::string selectOutboxSql(core::SqlDialect dialect) {
    return "SELECT id, consumer, table_name, row_id, op, fields, changes, last_seq, " +
           utcText("created_at", dialect) + ", " + utcText("updated_at", dialect) +
           ", state, attempts, " + utcText("next_attempt_at", dialect) +
           ", last_error, batch FROM outbox";
}

core::OutboxMessage readOutbox(PreparedStatement& st) {
    core::OutboxMessage m;
    m.id = st.integer(0);
    m.consumer = st.text(1);
    m.table = st.text(2);
    m.row_id = st.integer(3);
    m.op = st.text(4);
    m.fields = st.text(5);
    m.changes = st.integer(6);
    m.last_seq = st.integer(7);
    m.created_at = st.text(8);
    m.updated_at = st.text(9);
    m.state = st.text(10);
    m.attempts = static_cast<int>(st.integer(11));
    m.next_attempt_at = st.text(12);
    m.last_error = st.text(13);
    m.batch = st.text(14);
    return m;
}

std::string now(core::SqlDialect dialect) { return nowSql(dialect); }

std::string nowPlusMillis(core::SqlDialect dialect, int param) {
    return nowPlusMillisSql(dialect, param);
}

}  // namespace

std::size_t SociOutbox::route(const std::string& consumer, const std::string& table) {
    scope_.requireOpen();
    const core::EntitySpec* spec = core::findEntitySpecByTable(table);
    if (spec == nullptr) {
        throw Error("outbox: no CRM table '" + table + "'");
    }
    CrmConnection& connection = scope_.connection();
    scope_.flushWrites();  // the full pass below reads the table
    return connection.guard(
        [&]() -> std::size_t {
            auto& add = connection.statement(
                "INSERT INTO outbox_route (consumer, table_name) VALUES (:p0, :p1) "
                "ON CONFLICT (consumer, table_name) DO NOTHING",
                "tt", 0);
            add.setText(0, consumer);
            add.setText(1, table);
            add.execute();
            if (add.affectedRows() == 0) {
                return 0;
            }
            // Every row, the inactive ones too: a deactivation made before the route counts.
            auto& all = connection.statement(
                "INSERT INTO outbox (consumer, table_name, row_id, op, fields) SELECT :p0, :p1, "
                "id, 'update', '[]' FROM " + quoted(table) +
                    " WHERE true ON CONFLICT (consumer, table_name, row_id) DO NOTHING",
                "tt", 0);
            all.setText(0, consumer);
            all.setText(1, table);
            all.execute();
            return static_cast<std::size_t>(all.affectedRows());
        },
        [&] { return "route " + table + " changes to the outbox of " + consumer; });
}

void SociOutbox::enqueue(const std::string& table, std::int64_t row_id, const std::string& op,
                         const std::string& columns, const std::string& actor) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "INSERT INTO crm_change (table_name, row_id, op, columns, origin, actor) "
                "VALUES (:p0, :p1, :p2, :p3, 'crmsync', :p4)",
                "titt" "t", 0);
            st.setText(0, table);
            st.setInteger(1, row_id);
            st.setText(2, op);
            st.setText(3, columns);
            st.setText(4, actor);
            st.execute();
        },
        [&] { return "queue " + table + " " + std::to_string(row_id) + " for 1C"; });
}

std::vector<core::OutboxMessage> SociOutbox::list(const core::OutboxQuery& query) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    std::string sql = selectOutboxSql(connection.dialect()) + " WHERE id > :p0";
    std::string kinds = "i";
    auto param = [&](char kind) {
        std::string name = ":p" + std::to_string(kinds.size());
        kinds += kind;
        return name;
    };
    if (!query.consumer.empty()) {
        sql += " AND consumer = " + param('t');
    }
    if (!query.state.empty()) {
        sql += " AND state = " + param('t');
    }
    if (!query.tables.empty()) {
        sql += " AND table_name IN (";
        for (std::size_t i = 0; i < query.tables.size(); ++i) {
            sql += (i == 0 ? "" : ", ") + param('t');
        }
        sql += ")";
    }
    if (!query.batch.empty()) {
        sql += " AND batch = " + param('t');
    }
    if (query.due_only) {
        sql += " AND next_attempt_at <= " + now(connection.dialect());
    }
    sql += " ORDER BY id LIMIT " + param('i');
    return connection.guard(
        [&] {
            auto& st = connection.statement(sql, kinds, kOutboxColumns);
            std::size_t at = 0;
            st.setInteger(at++, query.after_id);
            if (!query.consumer.empty()) {
                st.setText(at++, query.consumer);
            }
            if (!query.state.empty()) {
                st.setText(at++, query.state);
            }
            for (const auto& table : query.tables) {
                st.setText(at++, table);
            }
            if (!query.batch.empty()) {
                st.setText(at++, query.batch);
            }
            st.setInteger(at, static_cast<std::int64_t>(query.limit));
            std::vector<core::OutboxMessage> out;
            for (bool more = st.execute(); more; more = st.fetch()) {
                out.push_back(readOutbox(st));
            }
            return out;
        },
        [&] { return std::string("read the outbox"); });
}

std::optional<core::OutboxMessage> SociOutbox::find(std::int64_t id) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&]() -> std::optional<core::OutboxMessage> {
            auto& st = connection.statement(selectOutboxSql(connection.dialect()) +
                                                " WHERE id = :p0",
                                            "i", kOutboxColumns);
            st.setInteger(0, id);
            if (!st.execute()) {
                return std::nullopt;
            }
            auto found = readOutbox(st);
            st.finish();
            return found;
        },
        [&] { return "read outbox message " + std::to_string(id); });
}

bool SociOutbox::settle(std::int64_t id, std::int64_t last_seq) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&] {
            auto& st = connection.statement(
                "DELETE FROM outbox WHERE id = :p0 AND last_seq = :p1", "ii", 0);
            st.setInteger(0, id);
            st.setInteger(1, last_seq);
            st.execute();
            return st.affectedRows() > 0;
        },
        [&] { return "settle outbox message " + std::to_string(id); });
}

void SociOutbox::defer(std::int64_t id, const std::string& error, double delay_seconds,
                       bool dead) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = :p0, state = :p1, "
                "next_attempt_at = " + nowPlusMillis(connection.dialect(), 2) +
                    " WHERE id = :p3",
                "ttii", 0);
            st.setText(0, error);
            st.setText(1, dead ? "dead" : "pending");
            st.setInteger(2, static_cast<std::int64_t>(delay_seconds * 1000.0));
            st.setInteger(3, id);
            st.execute();
        },
        [&] { return "defer outbox message " + std::to_string(id); });
}

void SociOutbox::change(const std::string& sql, std::string_view params, std::int64_t id,
                        const std::string& what) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(sql, params, 0);
            st.setInteger(0, id);
            st.execute();
        },
        [&] { return what + " outbox message " + std::to_string(id); });
}

void SociOutbox::markSent(std::int64_t id, const std::string& batch) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement("UPDATE outbox SET batch = :p0 WHERE id = :p1",
                                            "ti", 0);
            st.setText(0, batch);
            st.setInteger(1, id);
            st.execute();
        },
        [&] { return "mark outbox message " + std::to_string(id) + " sent"; });
}

void SociOutbox::revive(std::int64_t id) {
    change("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = " +
               now(scope_.connection().dialect()) + " WHERE id = :p0",
           "i", id, "revive");
}

void SociOutbox::remove(std::int64_t id) {
    change("DELETE FROM outbox WHERE id = :p0", "i", id, "remove");
}

}  // namespace crmsync::crmdb
