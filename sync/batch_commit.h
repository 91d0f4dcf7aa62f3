#pragma once
// Pass two's units of work: the spooled records, one database transaction per batch.
//
// commitBatch() applies one batch in one transaction. When the CRM database refuses a row of
// it (crmsync::DataRefused: a trigger or constraint of the CRM's own, a value out of the
// column's range), the transaction rolls back whole, so nothing of the batch is half-applied.
// The batch is then applied again in halves, each in a transaction of its own and in the
// original order, halving again only the part that is refused, until the refused record stands
// alone: that record is quarantined with the database's reason, like a record that does not
// map, and every other record applies. One bad record in a batch of n costs about two more
// passes over it and 2·log2(n) more transactions.
//
// applySpool() applies a whole spool so, overlapping the database's work with the engine's:
// each batch's commit is handed to the store (CrmStore::commitInBackground: on PostgreSQL the
// server writes batch k while batch k+1 is mapped), and the bindings batch k+1 will ask for
// are fetched inside batch k's transaction before it is handed off, where they are what the
// commit will leave. On PostgreSQL batch k+1 is mapped on a second connection, and when it
// only adds rows its writes go out while batch k commits (CrmStore::sendAhead); its COMMIT
// waits for batch k's. A batch counts as applied only once its commit is confirmed; when it
// fails, the batch mapped meanwhile is dropped and done again after it.
//
// Every batch transaction is begun by CrmStore::beginBatch(): durable with the run's end, which
// the caller makes by a commit of its own (Importer: the deactivations and the run's record).
//
// Only DataRefused is split. A database that is down, a lost lease or any other failure rolls
// the batch back and propagates, after the commit in flight has ended (and is kept when good):
// splitting would not help, and would quarantine good records.
#include <cstddef>
#include <functional>
#include <span>

#include "crmcore/crm_store.h"
#include "sync/batch_applier.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

void commitBatch(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch);

// Applies what is left in `spool`, `batch_size` records per transaction. `should_stop` (may be
// empty) is asked before each batch: true ends the work there, every batch before it
// committed, and throws crmsync::Error "stopped ...".
void applySpool(core::CrmStore& store, BatchApplier& applier, RecordSpool& spool,
                std::size_t batch_size, const std::function<bool()>& should_stop);

}  // namespace crmsync::sync
