#pragma once
// Pass two's unit of work: one batch of spooled records in one database transaction.
//
// When the CRM database refuses a row of the batch (crmsync::DataRefused: a trigger or
// constraint of the CRM's own, a value out of the column's range), the transaction rolls back
// whole, so nothing of the batch is half-applied. The batch is then applied again in halves,
// each in a transaction of its own and in the original order, halving again only the part that
// is refused, until the refused record stands alone: that record is quarantined with the
// database's reason, like a record that does not map, and every other record applies. One bad
// record in a batch of n costs about two more passes over it and 2·log2(n) more transactions.
//
// Only DataRefused is split this way. A database that is down, a lost lease or any other
// failure rolls the batch back and propagates: splitting would not help, and would quarantine
// good records.
#include <cstdint>
#include <span>

#include "crmcore/crm_store.h"
#include "sync/batch_applier.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

void commitBatch(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch);

}  // namespace crmsync::sync
