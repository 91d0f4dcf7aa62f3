#include "sync/sale_exchange.h"

#include <utility>

#include "crmcore/error.h"
#include "crmcore/json_reader.h"
#include "crmcore/record.h"
#include "sync/order_state_hash.h"
#include "sync/row_json.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

// Orders read from the database at a time while looking for what to send.
constexpr std::size_t kOrderPage = 500;

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
        std::vector<std::pair<std::int64_t, std::string>> known;
        std::int64_t after = 0;
        while (true) {
            auto page = store_.orderDocuments().after(after, kOrderPage);
            if (!page.empty()) {
                after = page.back().order_id;
            }
            for (auto& order : page) {
                ++run.counts().read;
                std::string hash = orderStateHash(order);
                if (!order.exchanged && !order.onec_key.empty()) {
                    // Imported from 1C's own files before this exchange knew it: 1C has it.
                    known.emplace_back(order.order_id, hash);
                } else if (hash != order.acked_hash) {
                    assignKeys(order);
                    to_send.push_back(std::move(order));
                    hashes.push_back(std::move(hash));
                } else {
                    ++run.counts().unchanged;
                }
            }
            if (page.size() < kOrderPage) {
                break;
            }
        }
        markKnown(store_, known);
        if (!to_send.empty()) {
            auto tx = store_.begin();
            for (std::size_t i = 0; i < to_send.size(); ++i) {
                const auto& order = to_send[i];
                bindOnce(tx->bindings(), "order", order.onec_key, order.order_id, order.order);
                bindOnce(tx->bindings(), "counterparty", order.counterparty_key,
                         order.counterparty_id, order.counterparty);
                for (const auto& line : order.lines) {
                    bindOnce(tx->bindings(), "order_line", line.onec_key, line.id, line.row);
                }
                tx->orderDelivery().markSent(order.order_id, hashes[i], batch, sentRows(order));
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
