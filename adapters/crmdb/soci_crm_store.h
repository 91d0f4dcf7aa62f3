#pragma once
// core::CrmStore on SQLite or PostgreSQL through SOCI.
#include <memory>
#include <string>

#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/database_url.h"
#include "crmcore/crm_store.h"

namespace crmsync::crmdb {

// Owns one connection; like the port, one instance per thread and one open transaction at a
// time. Opening does not touch the schema: call migrate() (the daemon and `crmsync migrate` do)
// before the first transaction. After a lost connection the next call reconnects.
class SociCrmStore final : public core::CrmStore {
public:
    // Throws crmsync::ExternalUnavailable when the database cannot be opened.
    explicit SociCrmStore(const DatabaseUrl& url);
    ~SociCrmStore() override;

    // Parses `url` (database_url.h; ConfigError when malformed) and opens the store.
    static std::unique_ptr<SociCrmStore> open(const std::string& url);

    // A SQLite connection that only looks keys up in order needs little page cache, and each
    // cached page is memory the process holds: sets this connection's cache to `kib` (a
    // reconnection goes back to the default). Nothing on PostgreSQL.
    void limitPageCache(int kib);

    // Applies pending schema migrations (migrator.h); returns how many were applied.
    int migrate();
    int schemaVersion();
    core::SqlDialect dialect() const { return connection_.dialect(); }
    const DatabaseUrl& url() const { return connection_.url(); }

    // Throws crmsync::Error when a transaction is already open on this store.
    std::unique_ptr<core::CrmTransaction> begin() override;
    // Looks keys up kHashLookupChunk at a time; inside an open transaction it sees that
    // transaction's writes.
    std::vector<std::pair<std::string, std::string>> bindingHashes(
        const std::string& entity, const std::vector<std::string>& keys) override;
    std::vector<std::pair<std::string, std::string>> bindingVersions(
        const std::string& entity, const std::vector<std::string>& keys) override;
    std::string latestBindingVersion(const std::string& entity) override;
    bool hasBindings(const std::string& entity) override;
    // startRun and finishRun commit at once; they throw crmsync::Error when called while a
    // transaction is open on this store, because its rollback would take the run row with it.
    std::int64_t startRun(const std::string& kind, const std::string& input) override;
    void finishRun(std::int64_t run_id, const std::string& status, const core::RunCounts& counts,
                   const std::string& error) override;
    std::optional<core::RunRow> run(std::int64_t run_id) override;
    // Pages through the journal in seq order, a bounded number of rows in memory at a time;
    // `visit` may call this store again (no statement is left running while it runs).
    void readJournal(const core::JournalQuery& query,
                     const std::function<void(const core::JournalRow&)>& visit) override;
    std::vector<core::QuarantineRow> quarantine(std::optional<std::int64_t> run_id) override;
    std::vector<std::pair<std::string, std::string>> openQuarantineKeys() override;

    // The 1C exchange state (soci_exchange_state.cpp). Orders are read inside one transaction,
    // so an order and its lines always match.
    std::optional<std::int64_t> fileImportRun(const std::string& digest) override;
    void recordFileImported(const std::string& digest, const std::string& name,
                            std::int64_t run_id) override;
    std::vector<core::OrderDocumentData> ordersAfter(std::int64_t after_id,
                                                     std::size_t limit) override;
    std::vector<core::OrderDocumentData> ordersById(const std::vector<std::int64_t>& ids) override;
    std::vector<std::int64_t> ordersTouchedByRun(std::int64_t run_id) override;
    void recordOrdersSent(std::int64_t run_id, const std::string& batch,
                          const std::vector<std::pair<core::OrderDocumentData, std::string>>&
                              orders_and_hashes) override;
    std::size_t acknowledgeOrders(std::int64_t run_id, const std::string& batch) override;
    void recordOrdersKnownToOneC(
        const std::vector<std::pair<std::int64_t, std::string>>& ids_and_hashes) override;

private:
    std::vector<std::pair<std::string, std::string>> bindingLookup(
        FixedStatement which, const char* what, const std::string& entity,
        const std::vector<std::string>& keys);
    std::vector<core::OrderDocumentData> loadOrders(const std::vector<std::int64_t>& ids);
    void requireNoTransaction(const char* what) const;

    CrmConnection connection_;
};

}  // namespace crmsync::crmdb
