#include "adapters/crmdb/soci_order_delivery_state.h"

namespace crmsync::crmdb {

void SociOrderDeliveryState::markSent(std::int64_t order_id, const std::string& hash,
                                      const std::string& batch, const std::string& rows) {
    scope_.requireOpen();
    scope_.flushWrites();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "INSERT INTO order_exchange (order_id, sent_hash, sent_batch, sent_at, sent_rows) "
                "VALUES (:p0, :p1, :p2, :p3, :p4) ON CONFLICT (order_id) DO UPDATE SET "
                "sent_hash = excluded.sent_hash, sent_batch = excluded.sent_batch, "
                "sent_at = excluded.sent_at, sent_rows = excluded.sent_rows",
                "itttt", 0);
            st.setInteger(0, order_id);
            st.setText(1, hash);
            st.setText(2, batch);
            st.setText(3, connection.transactionTime());
            st.setText(4, rows);
            st.execute();
        },
        [&] { return "record order " + std::to_string(order_id) + " as sent to 1C"; });
}

std::vector<core::SentOrder> SociOrderDeliveryState::unacknowledged(const std::string& batch) {
    scope_.requireOpen();
    scope_.flushWrites();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&] {
            std::vector<core::SentOrder> sent;
            auto& st = connection.statement(
                "SELECT e.order_id, COALESCE(b.onec_key, ''), e.sent_hash, e.sent_rows "
                "FROM order_exchange e "
                "LEFT JOIN binding b ON b.entity = 'order' AND b.crm_id = e.order_id "
                "WHERE e.sent_batch = :p0 AND e.acked_hash <> e.sent_hash ORDER BY e.order_id",
                "t", 4);
            st.setText(0, batch);
            for (bool more = st.execute(); more; more = st.fetch()) {
                sent.push_back({st.integer(0), st.text(1), st.text(2), st.text(3)});
            }
            return sent;
        },
        [&] { return "read the orders of 1C query " + batch; });
}

void SociOrderDeliveryState::markAcknowledged(std::int64_t order_id) {
    scope_.requireOpen();
    scope_.flushWrites();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "UPDATE order_exchange SET acked_hash = sent_hash, acked_at = :p0 "
                "WHERE order_id = :p1",
                "ti", 0);
            st.setText(0, connection.transactionTime());
            st.setInteger(1, order_id);
            st.execute();
        },
        [&] { return "acknowledge order " + std::to_string(order_id); });
}

void SociOrderDeliveryState::markKnown(std::int64_t order_id, const std::string& hash) {
    scope_.requireOpen();
    scope_.flushWrites();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "INSERT INTO order_exchange (order_id, acked_hash, acked_at) "
                "VALUES (:p0, :p1, :p2) ON CONFLICT (order_id) DO UPDATE SET "
                "acked_hash = excluded.acked_hash, acked_at = excluded.acked_at",
                "itt", 0);
            st.setInteger(0, order_id);
            st.setText(1, hash);
            st.setText(2, connection.transactionTime());
            st.execute();
        },
        [&] { return "record order " + std::to_string(order_id) + " as known to 1C"; });
}

}  // namespace crmsync::crmdb
