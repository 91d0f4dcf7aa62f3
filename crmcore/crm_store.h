#pragma once
// The CRM database as the engine sees it: a transaction made of narrow ports, each with one
// job (crm_rows.h, binding_store.h, journal.h, quarantine_log.h, order_delivery.h), and the
// ports used outside any transaction. Implemented by adapters/crmdb (SQLite and PostgreSQL);
// the engine never sees SQL.
#include <memory>
#include <utility>

#include "crmcore/binding_store.h"
#include "crmcore/change_log.h"
#include "crmcore/conflict.h"
#include "crmcore/crm_rows.h"
#include "crmcore/durability.h"
#include "crmcore/job_leases.h"
#include "crmcore/job_runs.h"
#include "crmcore/journal.h"
#include "crmcore/order_delivery.h"
#include "crmcore/outbox.h"
#include "crmcore/quarantine_log.h"
#include "crmcore/run_log.h"

namespace crmsync::core {

// One open database transaction. Destroying it without commit() rolls everything back; after
// commit() every port of it throws. Not thread safe; the ports live as long as it does. A write
// the database refuses (a constraint) may be reported only by a later call of the transaction
// or by commit(): PostgreSQL sends a batch's rows and bindings together (adapters/crmdb).
class CrmTransaction {
public:
    virtual ~CrmTransaction() = default;

    virtual CrmRows& rows() = 0;
    virtual BindingStore& bindings() = 0;
    virtual JournalAppender& journal() = 0;
    virtual QuarantineLog& quarantine() = 0;
    virtual OrderDeliveryState& orderDelivery() = 0;
    virtual ConflictLog& conflicts() = 0;
    virtual CrmChangeLog& changes() = 0;
    virtual Outbox& outbox() = 0;
    virtual void commit() = 0;
};

// One connection to the CRM database. Throws crmsync::ExternalUnavailable when the database
// cannot be reached and crmsync::Error for anything else. One instance per thread, one open
// transaction at a time; the ports live as long as the store.
class CrmStore {
public:
    virtual ~CrmStore() = default;

    virtual std::unique_ptr<CrmTransaction> begin() = 0;
    // A transaction for one batch of a run (sync/batch_commit.h), durable with the run's end
    // (Durability::WithRunEnd).
    virtual std::unique_ptr<CrmTransaction> beginBatch() { return begin(); }

    // Commits `tx` while the caller goes on: PostgreSQL sends the transaction's rows and its
    // COMMIT from a thread of the store's own, so that the server writes one batch while the
    // engine maps the next. The caller may begin() the next transaction and work in it at
    // once; the first of its calls that needs the database waits for this commit. One commit
    // is in flight at a time. SQLite (and this default) commits before returning.
    virtual void commitInBackground(std::unique_ptr<CrmTransaction> tx) { tx->commit(); }
    // Waits for the commit in flight, if any. When it failed (nothing of it is applied), this
    // throws crmsync::PreviousCommitFailed holding commit()'s own exception, and so does every
    // call that needs the database until this has thrown it once.
    virtual void awaitCommit() {}
    // May send `tx`'s writes so far while the commit in flight goes on (PostgreSQL: on the
    // second connection); nothing more is written in `tx` after it, and it is committed by
    // commitInBackground() or dropped as usual. A failure of those writes is the failure of
    // its commit. A no-op by default.
    virtual void sendAhead(CrmTransaction& /*tx*/) {}

    virtual BindingIndex& bindingIndex() = 0;
    // Binding indexes that may answer at the same time, each from a thread of its own and
    // outside any transaction, for pass one's lookups (PostgreSQL: one per connection, so that
    // two server backends look keys up at once). The first is bindingIndex(). Call from the
    // store's thread; the others open on first need.
    virtual std::vector<BindingIndex*> lookupIndexes() { return {&bindingIndex()}; }
    virtual RunLog& runs() = 0;
    virtual JournalReader& journal() = 0;
    virtual QuarantineReader& quarantine() = 0;
    virtual OrderDocuments& orderDocuments() = 0;
    virtual ImportedFiles& importedFiles() = 0;
    virtual ConflictReader& conflicts() = 0;
    virtual CrmChangeReader& changes() = 0;
    virtual JobLeases& leases() = 0;
    virtual JobRuns& jobRuns() = 0;
    // Every transaction committed from now on first checks, in the same transaction, that
    // `fence.holder` still holds each of its claims at its epoch; one whose lease was lost is
    // rolled back and commit() throws crmsync::LeaseLost. A fence without claims ends the
    // checks. How a job's work, whatever it does, can commit nothing once it lost its lease.
    virtual void fence(LeaseFence fence) = 0;
};

// `store` fenced by `fence` for the scope's length, whatever way it ends.
class StoreFence {
public:
    StoreFence(CrmStore& store, LeaseFence fence) : store_(store) { store_.fence(std::move(fence)); }
    ~StoreFence() { store_.fence({}); }
    StoreFence(const StoreFence&) = delete;
    StoreFence& operator=(const StoreFence&) = delete;

private:
    CrmStore& store_;
};

}  // namespace crmsync::core
