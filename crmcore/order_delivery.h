#pragma once
// The sale exchange's state (1C's "exchange with site"): the orders as documents for 1C
// (OrderDocuments), what was sent and acknowledged (OrderDeliveryState, inside a transaction)
// and the files already imported in full (ImportedFiles). The engine (sync/sale_exchange.h)
// decides and journals; these ports only read and keep the state.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/order_document.h"

namespace crmsync::core {

// Read outside any transaction, each call in one of its own so an order and its lines match.
class OrderDocuments {
public:
    virtual ~OrderDocuments() = default;
    // The orders with these ids that exist, with their lines and counterparty.
    virtual std::vector<OrderDocumentData> byIds(const std::vector<std::int64_t>& ids) = 0;
    // Orders whose header or lines `run_id` journaled, except those where the run kept a CRM
    // value 1C does not have (a merge, a parked or CRM-won conflict): those go to 1C.
    virtual std::vector<std::int64_t> touchedByRun(std::int64_t run_id) = 0;
};

// An order's state 1C was sent and has not acknowledged yet.
struct SentOrder {
    std::int64_t order_id = 0;
    std::string onec_key;  // "" while the order has no binding
    std::string hash;
    std::string rows;  // what was sent: JSON {"order": {..}, "lines": {"<line id>": {..}}}
};

// Inside one transaction; times are the transaction's.
class OrderDeliveryState {
public:
    virtual ~OrderDeliveryState() = default;
    // `hash` (the order's state) went to 1C in the answer to query `batch`, as `rows`
    // (SentOrder::rows): once acknowledged they are what both sides hold, the merge base.
    virtual void markSent(std::int64_t order_id, const std::string& hash,
                          const std::string& batch, const std::string& rows) = 0;
    // What `batch` sent and 1C has not acknowledged, by order id.
    virtual std::vector<SentOrder> unacknowledged(const std::string& batch) = 0;
    // What was last sent of the order is what 1C now has.
    virtual void markAcknowledged(std::int64_t order_id) = 0;
    // 1C has the order in state `hash` already (it sent it to us).
    virtual void markKnown(std::int64_t order_id, const std::string& hash) = 0;
};

// Files 1C uploaded that were imported in full, by a digest of their content and the mapping.
class ImportedFiles {
public:
    virtual ~ImportedFiles() = default;
    // The run that imported the file with this digest in full, if any.
    virtual std::optional<std::int64_t> runOf(const std::string& digest) = 0;
    // Commits on its own, like the run log.
    virtual void record(const std::string& digest, const std::string& name,
                        std::int64_t run_id) = 0;
};

}  // namespace crmsync::core
