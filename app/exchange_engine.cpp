#include "app/exchange_engine.h"

#include "app/order_state_hash.h"
#include "app/store_factory.h"
#include "crmcore/logging.h"

namespace crmsync::app {

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

// Leaves the failed run's error behind; a database that is gone cannot take even that, and
// the original error is what the caller reports.
void finishFailedRun(core::CrmStore& store, std::int64_t run_id, const std::string& error) {
    try {
        store.finishRun(run_id, "failed", {}, error);
    } catch (const std::exception& e) {
        core::logger("exchange")->error("run={} could not be marked failed: {}", run_id, e.what());
    }
}

// Pages through every order; an order goes to 1C while its state differs from the one 1C
// acknowledged. The whole answer is remembered as sent before 1C sees it.
std::vector<core::OrderDocumentData> collectOrdersToSend(core::CrmStore& store,
                                                         std::int64_t run_id,
                                                         const std::string& batch) {
    std::vector<core::OrderDocumentData> to_send;
    std::vector<std::pair<core::OrderDocumentData, std::string>> sent;
    std::vector<std::pair<std::int64_t, std::string>> known;
    core::RunCounts counts;
    std::int64_t after = 0;
    while (true) {
        auto page = store.ordersAfter(after, kOrderPage);
        if (!page.empty()) {
            after = page.back().order_id;
        }
        for (auto& order : page) {
            ++counts.read;
            std::string hash = orderStateHash(order);
            if (!order.exchanged && !order.onec_key.empty()) {
                // Imported from 1C's own files before this exchange knew it: 1C has it.
                known.emplace_back(order.order_id, hash);
            } else if (hash != order.acked_hash) {
                assignKeys(order);
                to_send.push_back(order);
                sent.emplace_back(std::move(order), hash);
            } else {
                ++counts.unchanged;
            }
        }
        if (page.size() < kOrderPage) {
            break;
        }
    }
    store.recordOrdersKnownToOneC(known);
    store.recordOrdersSent(run_id, batch, sent);
    counts.updated = static_cast<std::int64_t>(sent.size());
    store.finishRun(run_id, "succeeded", counts, "");
    return to_send;
}

}  // namespace

void recordOrdersFromOneC(core::CrmStore& store, std::int64_t run_id) {
    std::vector<std::pair<std::int64_t, std::string>> known;
    for (const auto& order : store.ordersById(store.ordersTouchedByRun(run_id))) {
        known.emplace_back(order.order_id, orderStateHash(order));
    }
    store.recordOrdersKnownToOneC(known);
}

ExchangeEngine::ExchangeEngine(const std::string& db_url, mapping::MappingSource mappings,
                               sync::ImportOptions options)
    : imports_(db_url, std::move(mappings), std::move(options), recordOrdersFromOneC),
      sale_store_(openMigratedStore(db_url)) {}

commerceml::ImportProgress ExchangeEngine::importFiles(
    const std::string& job, const std::vector<commerceml::UploadedFile>& files,
    std::chrono::steady_clock::time_point deadline) {
    return imports_.importFiles(job, files, deadline);
}

std::vector<core::OrderDocumentData> ExchangeEngine::ordersToSend(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    core::CrmStore& store = *sale_store_;
    std::int64_t run_id = store.startRun("exchange-sale-query", batch);
    try {
        return collectOrdersToSend(store, run_id, batch);
    } catch (const std::exception& e) {
        finishFailedRun(store, run_id, e.what());
        throw;
    }
}

std::size_t ExchangeEngine::acknowledgeOrders(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    core::CrmStore& store = *sale_store_;
    std::int64_t run_id = store.startRun("exchange-sale-ack", batch);
    try {
        std::size_t acked = store.acknowledgeOrders(run_id, batch);
        core::RunCounts counts;
        counts.updated = static_cast<std::int64_t>(acked);
        store.finishRun(run_id, "succeeded", counts, "");
        return acked;
    } catch (const std::exception& e) {
        finishFailedRun(store, run_id, e.what());
        throw;
    }
}

}  // namespace crmsync::app
