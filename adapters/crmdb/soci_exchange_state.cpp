// SociCrmStore's side of 1C's exchange-with-site protocol: files already imported, and the
// orders sent to 1C and acknowledged by it (schema version 2).
#include "adapters/crmdb/soci_crm_store.h"

#include "adapters/crmdb/column_text.h"
#include "crmcore/error.h"
#include "crmcore/record.h"

namespace crmsync::crmdb {

namespace {

// The binding key of a CRM row, "" when it has none.
std::string keyOf(PreparedStatement& st, const std::string& entity, std::int64_t crm_id) {
    st.setText(0, entity);
    st.setInteger(1, crm_id);
    return st.executeOnce() ? st.text(0) : std::string();
}

std::string rowJson(const core::Row& row) {
    core::Nested fields;
    for (const auto& column : row) {
        fields.push_back({column.column, column.text ? core::Value(*column.text) : core::Value()});
    }
    return core::toJson(fields);
}

// Binds a CRM-born row under `key` unless it is bound already. The content hash stays empty:
// whatever 1C sends back for it is applied, never skipped as unchanged. A key bound to another
// row would make 1C's answer land on the wrong order: that is refused, not papered over.
void bindOnce(core::CrmTransaction& tx, const std::string& entity, const std::string& key,
              std::int64_t crm_id, const core::Row& row) {
    if (key.empty() || crm_id == 0) {
        return;
    }
    if (auto existing = tx.findBinding(entity, key)) {
        if (existing->crm_id != crm_id) {
            throw Error("CRM database: cannot send " + entity + " " + std::to_string(crm_id) +
                        " to 1C as '" + key + "': that key belongs to " + entity + " " +
                        std::to_string(existing->crm_id));
        }
        return;
    }
    tx.saveBinding(core::Binding{entity, key, crm_id, "", rowJson(row), ""});
}

core::JournalEntry exchangeJournal(std::int64_t run_id, const std::string& key,
                                   std::int64_t order_id, const std::string& op,
                                   const std::string& after, const std::string& batch) {
    core::JournalEntry entry;
    entry.run_id = run_id;
    entry.entity = "order";
    entry.onec_key = key;
    entry.crm_id = order_id;
    entry.origin = "crm";
    entry.op = op;
    entry.before = "{}";
    entry.after = after;
    entry.lineage = "1C exchange, sale query " + batch;
    return entry;
}

}  // namespace

std::optional<std::int64_t> SociCrmStore::fileImportRun(const std::string& digest) {
    connection_.ensureConnected();
    try {
        auto& st = connection_.statement("SELECT run_id FROM exchange_file WHERE digest = :p0",
                                         "t", 1);
        st.setText(0, digest);
        if (!st.executeOnce()) {
            return std::nullopt;
        }
        return st.integer(0);
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read exchange_file");
    }
}

void SociCrmStore::recordFileImported(const std::string& digest, const std::string& name,
                                      std::int64_t run_id) {
    requireNoTransaction("recordFileImported");
    connection_.ensureConnected();
    try {
        auto& st = connection_.statement(
            "INSERT INTO exchange_file (digest, name, run_id) VALUES (:p0, :p1, :p2) "
            "ON CONFLICT (digest) DO UPDATE SET name = excluded.name, run_id = excluded.run_id",
            "tti", 0);
        st.setText(0, digest);
        st.setText(1, name);
        st.setInteger(2, run_id);
        st.execute();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "write exchange_file");
    }
}

std::vector<core::OrderDocumentData> SociCrmStore::ordersAfter(std::int64_t after_id,
                                                               std::size_t limit) {
    connection_.ensureConnected();
    std::vector<std::int64_t> ids;
    try {
        auto& st = connection_.statement(
            "SELECT id FROM sales_order WHERE id > :p0 ORDER BY id LIMIT :p1", "ii", 1);
        st.setInteger(0, after_id);
        st.setInteger(1, static_cast<std::int64_t>(limit));
        for (bool more = st.execute(); more; more = st.fetch()) {
            ids.push_back(st.integer(0));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "list orders");
    }
    return loadOrders(ids);
}

std::vector<core::OrderDocumentData> SociCrmStore::ordersById(
    const std::vector<std::int64_t>& ids) {
    connection_.ensureConnected();
    return loadOrders(ids);
}

std::vector<core::OrderDocumentData> SociCrmStore::loadOrders(
    const std::vector<std::int64_t>& ids) {
    std::vector<core::OrderDocumentData> orders;
    if (ids.empty()) {
        return orders;
    }
    const auto& order_spec = core::entitySpec("order");
    const auto& line_spec = core::entitySpec("order_line");
    const auto& counterparty_spec = core::entitySpec("counterparty");
    auto tx = begin();
    try {
        auto& key_of = connection_.statement(
            "SELECT onec_key FROM binding WHERE entity = :p0 AND crm_id = :p1", "ti", 1);
        auto& state = connection_.statement(
            "SELECT acked_hash FROM order_exchange WHERE order_id = :p0", "i", 1);
        auto& lines = connection_.statement(
            "SELECT id FROM order_line WHERE order_id = :p0 ORDER BY line_no, id", "i", 1);
        for (std::int64_t id : ids) {
            core::OrderDocumentData order;
            order.order_id = id;
            order.order = tx->readRow(order_spec, id);
            order.onec_key = keyOf(key_of, "order", id);
            state.setInteger(0, id);
            if (state.executeOnce()) {
                order.exchanged = true;
                order.acked_hash = state.text(0);
            }
            const auto* counterparty = core::findColumn(order.order, "counterparty_id");
            if (counterparty != nullptr && counterparty->text) {
                order.counterparty_id = std::stoll(*counterparty->text);
                order.counterparty = tx->readRow(counterparty_spec, order.counterparty_id);
                order.counterparty_key = keyOf(key_of, "counterparty", order.counterparty_id);
            }
            std::vector<std::int64_t> line_ids;
            lines.setInteger(0, id);
            for (bool more = lines.execute(); more; more = lines.fetch()) {
                line_ids.push_back(lines.integer(0));
            }
            for (std::int64_t line_id : line_ids) {
                core::OrderDocumentData::Line line;
                line.id = line_id;
                line.row = tx->readRow(line_spec, line_id);
                line.onec_key = keyOf(key_of, "order_line", line_id);
                const auto* product_key = core::findColumn(line.row, "product_key");
                const auto* product_id = core::findColumn(line.row, "product_id");
                if (product_key != nullptr && product_key->text) {
                    line.product_key = *product_key->text;
                } else if (product_id != nullptr && product_id->text) {
                    line.product_key = keyOf(key_of, "product", std::stoll(*product_id->text));
                }
                order.lines.push_back(std::move(line));
            }
            orders.push_back(std::move(order));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read orders for 1C");
    }
    // Nothing was written: ending the transaction without commit only releases it.
    return orders;
}

std::vector<std::int64_t> SociCrmStore::ordersTouchedByRun(std::int64_t run_id) {
    connection_.ensureConnected();
    std::vector<std::int64_t> ids;
    try {
        auto& st = connection_.statement(
            "SELECT crm_id FROM journal WHERE run_id = :p0 AND entity = 'order' "
            "UNION SELECT l.order_id FROM journal j JOIN order_line l ON l.id = j.crm_id "
            "WHERE j.run_id = :p1 AND j.entity = 'order_line'",
            "ii", 1);
        st.setInteger(0, run_id);
        st.setInteger(1, run_id);
        for (bool more = st.execute(); more; more = st.fetch()) {
            ids.push_back(st.integer(0));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "list orders of run " + std::to_string(run_id));
    }
    return ids;
}

void SociCrmStore::recordOrdersSent(
    std::int64_t run_id, const std::string& batch,
    const std::vector<std::pair<core::OrderDocumentData, std::string>>& orders_and_hashes) {
    if (orders_and_hashes.empty()) {
        return;
    }
    auto tx = begin();
    try {
        auto& sent = connection_.statement(
            "INSERT INTO order_exchange (order_id, sent_hash, sent_batch, sent_at) "
            "VALUES (:p0, :p1, :p2, :p3) ON CONFLICT (order_id) DO UPDATE SET "
            "sent_hash = excluded.sent_hash, sent_batch = excluded.sent_batch, "
            "sent_at = excluded.sent_at",
            "ittt", 0);
        std::string now = utcNowText();
        for (const auto& [order, hash] : orders_and_hashes) {
            bindOnce(*tx, "order", order.onec_key, order.order_id, order.order);
            bindOnce(*tx, "counterparty", order.counterparty_key, order.counterparty_id,
                     order.counterparty);
            for (const auto& line : order.lines) {
                bindOnce(*tx, "order_line", line.onec_key, line.id, line.row);
            }
            sent.setInteger(0, order.order_id);
            sent.setText(1, hash);
            sent.setText(2, batch);
            sent.setText(3, now);
            sent.execute();
            std::string after = "{\"sent_hash\":\"" + hash + "\",\"lines\":" +
                                std::to_string(order.lines.size()) + "}";
            tx->appendJournal(
                exchangeJournal(run_id, order.onec_key, order.order_id, "export", after, batch));
        }
        tx->commit();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "record orders sent to 1C");
    }
}

std::size_t SociCrmStore::acknowledgeOrders(std::int64_t run_id, const std::string& batch) {
    auto tx = begin();
    std::vector<std::tuple<std::int64_t, std::string, std::string>> acked;
    try {
        auto& pending = connection_.statement(
            "SELECT e.order_id, COALESCE(b.onec_key, ''), e.sent_hash FROM order_exchange e "
            "LEFT JOIN binding b ON b.entity = 'order' AND b.crm_id = e.order_id "
            "WHERE e.sent_batch = :p0 AND e.acked_hash <> e.sent_hash ORDER BY e.order_id",
            "t", 3);
        pending.setText(0, batch);
        for (bool more = pending.execute(); more; more = pending.fetch()) {
            acked.emplace_back(pending.integer(0), pending.text(1), pending.text(2));
        }
        auto& ack = connection_.statement(
            "UPDATE order_exchange SET acked_hash = sent_hash, acked_at = :p0 "
            "WHERE order_id = :p1",
            "ti", 0);
        std::string now = utcNowText();
        for (const auto& [order_id, key, hash] : acked) {
            ack.setText(0, now);
            ack.setInteger(1, order_id);
            ack.execute();
            tx->appendJournal(exchangeJournal(run_id, key, order_id, "ack",
                                              "{\"acked_hash\":\"" + hash + "\"}", batch));
        }
        tx->commit();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "acknowledge orders of 1C query " + batch);
    }
    return acked.size();
}

void SociCrmStore::recordOrdersKnownToOneC(
    const std::vector<std::pair<std::int64_t, std::string>>& ids_and_hashes) {
    if (ids_and_hashes.empty()) {
        return;
    }
    auto tx = begin();
    try {
        auto& known = connection_.statement(
            "INSERT INTO order_exchange (order_id, acked_hash, acked_at) VALUES (:p0, :p1, :p2) "
            "ON CONFLICT (order_id) DO UPDATE SET acked_hash = excluded.acked_hash, "
            "acked_at = excluded.acked_at",
            "itt", 0);
        std::string now = utcNowText();
        for (const auto& [order_id, hash] : ids_and_hashes) {
            known.setInteger(0, order_id);
            known.setText(1, hash);
            known.setText(2, now);
            known.execute();
        }
        tx->commit();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "record orders 1C already has");
    }
}

}  // namespace crmsync::crmdb
