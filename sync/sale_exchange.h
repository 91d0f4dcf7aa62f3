#pragma once
// The sale side of 1C's exchange with site, as the engine does it: which orders 1C gets at a
// mode=query, what counts as delivered at mode=success, and which orders 1C has already
// because it sent them itself. Each call is a run in the run log; every order sent and
// acknowledged is a journal row. The CommerceML endpoint reaches this through app/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"

namespace crmsync::sync {

class SaleExchange {
public:
    // `store` must outlive this; the calls use it one at a time (the caller serialises).
    explicit SaleExchange(core::CrmStore& store) : store_(store) {}

    // Orders created or changed in the CRM that 1C has not acknowledged (their state differs
    // from the one 1C acknowledged), with keys assigned to rows 1C does not know yet; they are
    // remembered as sent under `batch` — bound and journaled as op "export" in one
    // transaction — before 1C sees them. Run kind "exchange-sale-query". Throws crmsync::Error
    // when the database fails (the run is then failed).
    std::vector<core::OrderDocumentData> ordersToSend(const std::string& batch);

    // 1C confirmed it received `batch`: only now do its orders count as delivered (op "ack").
    // Returns how many orders that was (0 for an unknown or already acknowledged batch).
    // Run kind "exchange-sale-ack".
    std::size_t acknowledge(const std::string& batch);

    // The orders run `run_id` (an import of 1C's own files) wrote count as known to 1C in
    // their state now: they are not echoed back at the next query.
    void recordOrdersFromOneC(std::int64_t run_id);

private:
    core::CrmStore& store_;
};

}  // namespace crmsync::sync
