#pragma once
// core::CrmStore on SQLite or PostgreSQL through SOCI.
#include <chrono>
#include <memory>
#include <string>

#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/soci_binding_index.h"
#include "adapters/crmdb/soci_change_reader.h"
#include "adapters/crmdb/soci_conflict_reader.h"
#include "adapters/crmdb/soci_imported_files.h"
#include "adapters/crmdb/soci_job_leases.h"
#include "adapters/crmdb/soci_job_runs.h"
#include "adapters/crmdb/soci_journal_reader.h"
#include "adapters/crmdb/soci_order_documents.h"
#include "adapters/crmdb/soci_quarantine_reader.h"
#include "adapters/crmdb/soci_run_log.h"
#include "crmcore/crm_store.h"

namespace crmsync::crmdb {

// Owns one connection, and on PostgreSQL a second one for the batch mapped while the one
// before commits (beginBatch()); like the port, one instance per thread and one open
// transaction at a time. Opening does not touch the schema: call migrate() (the daemon and `crmsync
// migrate` do) before the first transaction. After a lost connection the next call reconnects.
class SociCrmStore final : public core::CrmStore {
public:
    // Throws crmsync::ExternalUnavailable when the database cannot be opened.
    explicit SociCrmStore(const DatabaseUrl& url);
    ~SociCrmStore() override;

    // Parses `url` (database_url.h; ConfigError when malformed) and opens the store.
    static std::unique_ptr<SociCrmStore> open(const std::string& url);

    // Applies pending schema migrations (migrator.h); returns how many were applied.
    int migrate();
    int schemaVersion();
    core::SqlDialect dialect() const { return connection_.dialect(); }
    const DatabaseUrl& url() const { return connection_.url(); }
    // For the ports of the HTTP API (soci_user_accounts.h, ...) that share this connection.
    CrmConnection& connection() { return connection_; }

    // Throws crmsync::Error when a transaction is already open on this store.
    std::unique_ptr<core::CrmTransaction> begin() override;
    // On PostgreSQL while a batch commits in the background: a transaction on the second
    // connection (opened on first use), so that its writes can go out during that commit
    // (sendAhead()). Its reads wait for that commit as on one connection, but for its binding
    // lookups, which the committing batch's own bindings complete at once.
    std::unique_ptr<core::CrmTransaction> beginBatch() override;
    void commitInBackground(std::unique_ptr<core::CrmTransaction> tx) override;
    void awaitCommit() override;
    // PostgreSQL: a batch begun on the second connection while the one before commits, whose
    // kept writes are new rows and bindings of keys known unbound only, sends them now from a
    // thread of its own, so that the server writes both batches at once; its COMMIT (and its
    // journal rows, which keep the order of application) still follow the batch before's.
    void sendAhead(core::CrmTransaction& tx) override;

    core::BindingIndex& bindingIndex() override { return binding_index_; }
    std::vector<core::BindingIndex*> lookupIndexes() override;
    core::RunLog& runs() override { return runs_; }
    core::JournalReader& journal() override { return journal_; }
    core::QuarantineReader& quarantine() override { return quarantine_; }
    core::OrderDocuments& orderDocuments() override { return order_documents_; }
    core::ImportedFiles& importedFiles() override { return imported_files_; }
    core::ConflictReader& conflicts() override { return conflicts_; }
    core::CrmChangeReader& changes() override { return changes_; }
    core::JobLeases& leases() override { return leases_; }
    core::JobRuns& jobRuns() override { return job_runs_; }
    void fence(core::LeaseFence fence) override;

private:
    CrmConnection connection_;  // first: the ports below use it
    SociBindingIndex binding_index_;
    SociRunLog runs_;
    SociJournalReader journal_;
    SociQuarantineReader quarantine_;
    SociOrderDocuments order_documents_;
    SociImportedFiles imported_files_;
    SociConflictReader conflicts_;
    SociChangeReader changes_;
    SociJobLeases leases_;
    SociJobRuns job_runs_;
    std::unique_ptr<CrmConnection> second_;  // PostgreSQL, for batches; opened on first need
    std::unique_ptr<SociBindingIndex> second_index_;  // on second_
    std::chrono::steady_clock::time_point second_retry_at_;  // after a failure to open it
    // Opens second_ and pairs it with connection_; false (logged) when it cannot be opened.
    bool openSecond();
};

}  // namespace crmsync::crmdb
