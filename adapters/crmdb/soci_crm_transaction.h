#pragma once
// core::CrmTransaction over SOCI: one database transaction of the engine's batch, made of the
// ports that work inside it.
#include "adapters/crmdb/journal_writer.h"
#include "adapters/crmdb/soci_binding_store.h"
#include "adapters/crmdb/soci_change_log.h"
#include "adapters/crmdb/soci_conflict_log.h"
#include "adapters/crmdb/soci_crm_rows.h"
#include "adapters/crmdb/soci_order_delivery_state.h"
#include "adapters/crmdb/soci_outbox.h"
#include "adapters/crmdb/soci_quarantine_log.h"
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/crm_store.h"

namespace crmsync::crmdb {

// Begun by SociCrmStore::begin() or beginBatch(); rolled back when destroyed without commit().
class SociCrmTransaction final : public core::CrmTransaction {
public:
    SociCrmTransaction(CrmConnection& connection, core::Durability durability);

    core::CrmRows& rows() override { return rows_; }
    core::BindingStore& bindings() override { return bindings_; }
    // Written in groups (journal_writer.h); all of them before commit() returns.
    core::JournalAppender& journal() override { return journal_; }
    core::QuarantineLog& quarantine() override { return quarantine_; }
    core::OrderDeliveryState& orderDelivery() override { return order_delivery_; }
    core::ConflictLog& conflicts() override { return conflicts_; }
    core::CrmChangeLog& changes() override { return changes_; }
    core::Outbox& outbox() override { return outbox_; }
    void commit() override;
    // Before SociCrmStore::commitInBackground hands this transaction to its thread, or
    // sendAhead() sends its writes: reserves ahead as many ids as it inserted per table, so
    // that the next batch, mapped meanwhile, does not wait for the server for a new id
    // (CrmConnection::reserveIdsAhead), and leaves the bindings it wrote with its connection
    // for that batch's lookups (CrmConnection::inFlightBindings). Once only; nothing is
    // written in the transaction after it.
    void prepareHandOff();
    CrmConnection& connection() { return scope_.connection(); }
    // PostgreSQL: whether the kept writes may be sent ahead (PgWriteBuffer::onlyNewKept).
    bool writesMayGoAhead();
    // Sends the kept rows and bindings, not the journal: from CrmConnection::runAhead().
    void sendWritesAhead() { scope_.flushWrites(); }

private:
    TransactionScope scope_;  // first: begun before the ports use it, ended after them
    bool prepared_ = false;
    SociCrmRows rows_;
    SociBindingStore bindings_;
    JournalWriter journal_;
    SociQuarantineLog quarantine_;
    SociOrderDeliveryState order_delivery_;
    SociConflictLog conflicts_;
    SociChangeLog changes_;
    SociOutbox outbox_;
};

}  // namespace crmsync::crmdb
