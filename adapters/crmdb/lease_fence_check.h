#pragma once
// The check a fenced transaction makes just before COMMIT (CrmConnection::commit): every
// claim of the fence is still its holder's at the same epoch. PostgreSQL locks the lease rows
// (FOR UPDATE), so a takeover waits until this transaction has ended; SQLite's transaction
// already holds the database's write lock (BEGIN IMMEDIATE). Either way no takeover can slip in
// between the check and the commit.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/job_leases.h"

namespace crmsync::crmdb {

// Throws crmsync::LeaseLost naming the lock, the holder and the epochs when a claim no longer
// holds; leaves the transaction open either way (the caller rolls it back).
void checkLeaseFence(CrmConnection& connection, const core::LeaseFence& fence);

// PostgreSQL: the same check and the COMMIT in one message, so that the lease rows stay locked
// only while the server runs it. Checked and committed in two steps, a holder paused between
// them (SIGSTOP, a machine stalled) kept every takeover of its leases waiting on those locks
// until it woke. Returns false, having sent nothing, when a name cannot go in the message;
// throws crmsync::LeaseLost (rolled back) when a claim no longer holds, and a refused COMMIT
// as soci::soci_error.
bool commitFenced(CrmConnection& connection, const core::LeaseFence& fence);

}  // namespace crmsync::crmdb
