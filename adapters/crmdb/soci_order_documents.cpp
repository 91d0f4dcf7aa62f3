#include "adapters/crmdb/soci_order_documents.h"

#include "adapters/crmdb/soci_binding_store.h"
#include "adapters/crmdb/soci_crm_rows.h"
#include "adapters/crmdb/transaction_scope.h"

namespace crmsync::crmdb {

namespace {

// The 1C key of a CRM row, "" when it has none.
std::string keyOf(SociBindingStore& bindings, const std::string& entity, std::int64_t crm_id) {
    auto binding = bindings.findOfRow(entity, crm_id);
    return binding ? binding->onec_key : std::string();
}

std::vector<std::int64_t> ids(PreparedStatement& st) {
    std::vector<std::int64_t> found;
    for (bool more = st.execute(); more; more = st.fetch()) {
        found.push_back(st.integer(0));
    }
    return found;
}

}  // namespace

std::vector<core::OrderDocumentData> SociOrderDocuments::byIds(
    const std::vector<std::int64_t>& order_ids) {
    std::vector<core::OrderDocumentData> orders;
    if (order_ids.empty()) {
        return orders;
    }
    const auto& order_spec = core::entitySpec("order");
    const auto& line_spec = core::entitySpec("order_line");
    const auto& counterparty_spec = core::entitySpec("counterparty");
    // Nothing is written: the scope ends without commit, which only releases the transaction.
    TransactionScope scope(connection_);
    SociCrmRows rows(scope);
    SociBindingStore bindings(scope);
    connection_.guard(
        [&] {
            auto& state = connection_.statement(
                "SELECT acked_hash FROM order_exchange WHERE order_id = :p0", "i", 1);
            auto& lines = connection_.statement(
                "SELECT id FROM order_line WHERE order_id = :p0 ORDER BY line_no, id", "i", 1);
            for (std::int64_t id : order_ids) {
                core::OrderDocumentData order;
                order.order_id = id;
                order.order = rows.read(order_spec, id);
                order.onec_key = keyOf(bindings, "order", id);
                state.setInteger(0, id);
                if (state.executeOnce()) {
                    order.exchanged = true;
                    order.acked_hash = state.text(0);
                }
                const auto* counterparty = core::findColumn(order.order, "counterparty_id");
                if (counterparty != nullptr && counterparty->text) {
                    order.counterparty_id = std::stoll(*counterparty->text);
                    order.counterparty = rows.read(counterparty_spec, order.counterparty_id);
                    order.counterparty_key =
                        keyOf(bindings, "counterparty", order.counterparty_id);
                }
                lines.setInteger(0, id);
                for (std::int64_t line_id : ids(lines)) {
                    core::OrderDocumentData::Line line;
                    line.id = line_id;
                    line.row = rows.read(line_spec, line_id);
                    line.onec_key = keyOf(bindings, "order_line", line_id);
                    const auto* product_key = core::findColumn(line.row, "product_key");
                    const auto* product_id = core::findColumn(line.row, "product_id");
                    if (product_key != nullptr && product_key->text) {
                        line.product_key = *product_key->text;
                    } else if (product_id != nullptr && product_id->text) {
                        line.product_key =
                            keyOf(bindings, "product", std::stoll(*product_id->text));
                    }
                    order.lines.push_back(std::move(line));
                }
                orders.push_back(std::move(order));
            }
        },
        [] { return std::string("read orders for 1C"); });
    return orders;
}

namespace {

// A journal row of a record that kept a CRM value 1C does not have yet (three_way_merge.h).
constexpr const char* kCrmKept = "(op IN ('merge', 'conflict') OR (op = 'resolve' AND origin <> '1c'))";

}  // namespace

std::vector<std::int64_t> SociOrderDocuments::touchedByRun(std::int64_t run_id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "SELECT id FROM (SELECT crm_id AS id FROM journal WHERE run_id = :p0 AND "
                "entity = 'order' UNION SELECT l.order_id FROM journal j JOIN order_line l ON "
                "l.id = j.crm_id WHERE j.run_id = :p1 AND j.entity = 'order_line') touched "
                "WHERE id NOT IN (SELECT crm_id FROM journal WHERE run_id = :p2 AND "
                "entity = 'order' AND " + std::string(kCrmKept) + " UNION SELECT l.order_id "
                "FROM journal j JOIN order_line l ON l.id = j.crm_id WHERE j.run_id = :p3 AND "
                "j.entity = 'order_line' AND " + kCrmKept + ")",
                "iiii", 1);
            for (std::size_t p = 0; p < 4; ++p) {
                st.setInteger(p, run_id);
            }
            return ids(st);
        },
        [&] { return "list orders of run " + std::to_string(run_id); });
}

}  // namespace crmsync::crmdb
