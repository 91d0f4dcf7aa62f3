#include "sync/sale_exchange.h"

#include <algorithm>
#include <map>
#include <utility>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/json_reader.h"
#include "crmcore/record.h"
#include "sync/order_state_hash.h"
#include "sync/outbox_delivery.h"
#include "sync/row_json.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

// Outbox messages and orders read from the database at a time.
constexpr std::size_t kOrderPage = 500;

// The tables whose changes make an order's document for 1C differ.
const std::vector<std::string>& saleTables() {
    static const std::vector<std::string> tables{"sales_order", "order_line", "counterparty"};
    return tables;
}

// The sale consumer's due messages by the order they are about, in the order of the oldest
// message. A counterparty's change becomes a message of each of its orders first (in the same
// transaction, so a crash loses none); a line's message whose order cannot be found (the line
// is gone and 1C never had it) is settled: there is nothing to send for it.
std::vector<std::pair<std::int64_t, std::vector<core::OutboxMessage>>> dueOrders(
    core::CrmStore& store, std::int64_t run_id) {
    const core::EntitySpec& order_spec = core::entitySpec("order");
    const core::EntitySpec& line_spec = core::entitySpec("order_line");
    auto tx = store.begin();
    for (const auto& table : saleTables()) {
        tx->outbox().route(kSaleConsumer, table);
    }
    core::OutboxQuery query;
    query.consumer = kSaleConsumer;
    query.state = "pending";
    query.tables = saleTables();
    query.limit = kOrderPage;
    query.due_only = true;
    std::vector<core::OutboxMessage> messages = allMessages(*tx, query);
    std::vector<std::pair<std::int64_t, std::vector<core::OutboxMessage>>> orders;
    std::map<std::int64_t, std::size_t> at;
    auto add = [&](std::int64_t order_id, const core::OutboxMessage& message) {
        auto [it, fresh] = at.emplace(order_id, orders.size());
        if (fresh) {
            orders.push_back({order_id, {}});
        }
        orders[it->second].second.push_back(message);
    };
    bool fanned_out = false;
    for (const auto& message : messages) {
        if (message.table == "counterparty") {
            for (std::int64_t order_id :
                 tx->rows().findIds(order_spec, {{"counterparty_id",
                                                  std::to_string(message.row_id)}})) {
                tx->outbox().enqueue("sales_order", order_id, "update", "[\"counterparty_id\"]",
                                     "run " + std::to_string(run_id));
                fanned_out = true;
            }
            tx->outbox().settle(message.id, message.last_seq);
        } else if (message.table == "order_line") {
            auto owner = sectionOwner(*tx, line_spec, "order_id", "order", message.row_id);
            if (owner) {
                add(*owner, message);
            } else {
                tx->outbox().settle(message.id, message.last_seq);
            }
        } else {
            add(message.row_id, message);
        }
    }
    tx->commit();
    if (fanned_out) {
        return dueOrders(store, run_id);  // now with the counterparties' orders' messages
    }
    return orders;
}


// The key a CRM-born row is known by in 1C. Bitrix sends bare order ids, but orders that came
// from such sites through 1C carry bare numbers as keys already; the prefix keeps ours apart.
std::string crmBornKey(std::int64_t id) { return "crm-" + std::to_string(id); }

// Keys for the rows that have none yet. A line's key is the one the CommerceML reader gives
// the same line when 1C sends the document back: order key, "|", position.
void assignKeys(core::OrderDocumentData& order) {
    if (order.onec_key.empty()) {
        order.onec_key = crmBornKey(order.order_id);
    }
    if (order.counterparty_id != 0 && order.counterparty_key.empty()) {
        order.counterparty_key = crmBornKey(order.counterparty_id);
    }
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        if (order.lines[i].onec_key.empty()) {
            order.lines[i].onec_key = order.onec_key + "|" + std::to_string(i + 1);
        }
    }
}

// Binds a CRM-born row under `key` unless it is bound already. The content hash stays empty:
// whatever 1C sends back for it is applied, never skipped as unchanged. A key bound to another
// row would make 1C's answer land on the wrong order: that is refused, not papered over.
void bindOnce(core::BindingStore& bindings, const std::string& entity, const std::string& key,
              std::int64_t crm_id, const core::Row& row) {
    if (key.empty() || crm_id == 0) {
        return;
    }
    if (auto existing = bindings.find(entity, key)) {
        if (existing->crm_id != crm_id) {
            throw Error("CRM database: cannot send " + entity + " " + std::to_string(crm_id) +
                        " to 1C as '" + key + "': that key belongs to " + entity + " " +
                        std::to_string(existing->crm_id));
        }
        return;
    }
    bindings.save(core::Binding{entity, key, crm_id, "", rowToJson(row), ""});
}

core::JournalEntry saleJournal(std::int64_t run_id, const std::string& key,
                               std::int64_t order_id, const std::string& op,
                               std::string after, const std::string& batch) {
    core::JournalEntry entry;
    entry.run_id = run_id;
    entry.entity = "order";
    entry.onec_key = key;
    entry.crm_id = order_id;
    entry.origin = "crm";
    entry.op = op;
    entry.before = "{}";
    entry.after = std::move(after);
    entry.lineage = "1C exchange, sale query " + batch;
    return entry;
}

// The rows an order document is made of, as SentOrder::rows keeps them.
std::string sentRows(const core::OrderDocumentData& order) {
    std::string out = "{\"order\":" + rowToJson(order.order) + ",\"lines\":{";
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        out += (i == 0 ? "\"" : ",\"") + std::to_string(order.lines[i].id) +
               "\":" + rowToJson(order.lines[i].row);
    }
    return out + "}}";
}

// 1C acknowledged an order: what it was sent is now what both sides hold, the merge base of
// the order and its lines (a CRM edit made after the query stays a CRM change).
void advanceSnapshots(core::BindingStore& bindings, const core::SentOrder& sent) {
    auto parsed = core::parseJson(sent.rows);
    if (!parsed || !std::holds_alternative<core::Nested>(parsed->data)) {
        return;  // sent before crmsync kept the rows: the snapshot stays as it was
    }
    auto rebase = [&](const std::string& entity, std::int64_t crm_id, const core::Value& row) {
        auto binding = bindings.findOfRow(entity, crm_id);
        if (binding && std::holds_alternative<core::Nested>(row.data)) {
            binding->snapshot = core::toJson(std::get<core::Nested>(row.data));
            bindings.save(*binding);
        }
    };
    for (const auto& part : std::get<core::Nested>(parsed->data)) {
        if (part.name == "order") {
            rebase("order", sent.order_id, part.value);
        } else if (part.name == "lines" && std::holds_alternative<core::Nested>(part.value.data)) {
            for (const auto& line : std::get<core::Nested>(part.value.data)) {
                rebase("order_line", std::stoll(line.name), line.value);
            }
        }
    }
}

void markKnown(core::CrmStore& store,
               const std::vector<std::pair<std::int64_t, std::string>>& ids_and_hashes) {
    if (ids_and_hashes.empty()) {
        return;
    }
    auto tx = store.begin();
    for (const auto& [order_id, hash] : ids_and_hashes) {
        tx->orderDelivery().markKnown(order_id, hash);
    }
    tx->commit();
}

}  // namespace

std::vector<core::OrderDocumentData> SaleExchange::ordersToSend(const std::string& batch) {
    RunScope run(store_.runs(), "exchange-sale-query", batch);
    try {
        std::vector<core::OrderDocumentData> to_send;
        std::vector<std::string> hashes;
        std::vector<const std::vector<core::OutboxMessage>*> sent_messages;
        std::vector<std::pair<std::int64_t, std::string>> known;
        std::vector<const std::vector<core::OutboxMessage>*> settled;
        auto due = dueOrders(store_, run.id());
        std::map<std::int64_t, const std::vector<core::OutboxMessage>*> messages_of;
        std::vector<std::int64_t> ids;
        for (const auto& [order_id, messages] : due) {
            messages_of[order_id] = &messages;
            ids.push_back(order_id);
        }
        for (std::size_t start = 0; start < ids.size(); start += kOrderPage) {
            std::vector<std::int64_t> slice(
                ids.begin() + static_cast<std::ptrdiff_t>(start),
                ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kOrderPage)));
            for (auto& order : store_.orderDocuments().byIds(slice)) {
                ++run.counts().read;
                const std::int64_t order_id = order.order_id;
                const auto* messages = messages_of[order_id];
                std::string hash = orderStateHash(order);
                if (!order.exchanged && !order.onec_key.empty()) {
                    // Imported from 1C's own files before this exchange knew it: 1C has it.
                    known.emplace_back(order.order_id, hash);
                    settled.push_back(messages);
                } else if (hash != order.acked_hash) {
                    assignKeys(order);
                    to_send.push_back(std::move(order));
                    hashes.push_back(std::move(hash));
                    sent_messages.push_back(messages);
                } else {
                    // The document 1C would get is the one it acknowledged: nothing to send.
                    ++run.counts().unchanged;
                    settled.push_back(messages);
                }
                messages_of.erase(order_id);
            }
        }
        {
            auto tx = store_.begin();
            for (const auto& [order_id, hash] : known) {
                tx->orderDelivery().markKnown(order_id, hash);
            }
            for (const auto* messages : settled) {
                settleMessages(*tx, *messages);
            }
            // Messages whose order no longer exists (byIds left it out).
            for (const auto& [order_id, messages] : messages_of) {
                settleMessages(*tx, *messages);
            }
            for (std::size_t i = 0; i < to_send.size(); ++i) {
                const auto& order = to_send[i];
                bindOnce(tx->bindings(), "order", order.onec_key, order.order_id, order.order);
                bindOnce(tx->bindings(), "counterparty", order.counterparty_key,
                         order.counterparty_id, order.counterparty);
                for (const auto& line : order.lines) {
                    bindOnce(tx->bindings(), "order_line", line.onec_key, line.id, line.row);
                }
                tx->orderDelivery().markSent(order.order_id, hashes[i], batch, sentRows(order));
                // Kept until 1C acknowledges this batch: a lost answer means sending again.
                for (const auto& message : *sent_messages[i]) {
                    tx->outbox().markSent(message.id, batch);
                }
                tx->journal().append(saleJournal(
                    run.id(), order.onec_key, order.order_id, "export",
                    "{\"sent_hash\":\"" + hashes[i] + "\",\"lines\":" +
                        std::to_string(order.lines.size()) + "}",
                    batch));
            }
            tx->commit();
        }
        run.counts().updated = static_cast<std::int64_t>(to_send.size());
        run.succeed();
        return to_send;
    } catch (const std::exception& e) {
        run.fail(e.what());
        throw;
    }
}

std::size_t SaleExchange::acknowledge(const std::string& batch) {
    RunScope run(store_.runs(), "exchange-sale-ack", batch);
    try {
        auto tx = store_.begin();
        auto sent = tx->orderDelivery().unacknowledged(batch);
        for (const auto& order : sent) {
            tx->orderDelivery().markAcknowledged(order.order_id);
            advanceSnapshots(tx->bindings(), order);
            tx->journal().append(saleJournal(run.id(), order.onec_key, order.order_id, "ack",
                                             "{\"acked_hash\":\"" + order.hash + "\"}", batch));
        }
        // Delivered: the batch's messages go, unless a change came in since the query.
        core::OutboxQuery query;
        query.consumer = kSaleConsumer;
        query.batch = batch;
        query.limit = kOrderPage;
        settleMessages(*tx, allMessages(*tx, query));
        tx->commit();
        run.counts().updated = static_cast<std::int64_t>(sent.size());
        run.succeed();
        return sent.size();
    } catch (const std::exception& e) {
        run.fail(e.what());
        throw;
    }
}

void SaleExchange::recordOrdersFromOneC(std::int64_t run_id) {
    std::vector<std::pair<std::int64_t, std::string>> known;
    auto& documents = store_.orderDocuments();
    for (const auto& order : documents.byIds(documents.touchedByRun(run_id))) {
        known.emplace_back(order.order_id, orderStateHash(order));
    }
    markKnown(store_, known);
}

}  // namespace crmsync::sync
