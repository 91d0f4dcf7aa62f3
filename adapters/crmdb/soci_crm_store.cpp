#include "adapters/crmdb/soci_crm_store.h"

#include "adapters/crmdb/migrator.h"
#include "adapters/crmdb/soci_crm_transaction.h"

namespace crmsync::crmdb {

SociCrmStore::SociCrmStore(const DatabaseUrl& url)
    : connection_(url),
      binding_index_(connection_),
      runs_(connection_),
      journal_(connection_),
      quarantine_(connection_),
      order_documents_(connection_),
      imported_files_(connection_),
      conflicts_(connection_),
      changes_(connection_),
      leases_(connection_),
      job_runs_(connection_) {}

SociCrmStore::~SociCrmStore() = default;

std::unique_ptr<SociCrmStore> SociCrmStore::open(const std::string& url) {
    return std::make_unique<SociCrmStore>(parseDatabaseUrl(url));
}

int SociCrmStore::migrate() {
    connection_.requireNoTransaction("migrate");
    connection_.ensureConnected();
    return crmdb::migrate(connection_.session(), connection_.dialect());
}

int SociCrmStore::schemaVersion() {
    connection_.ensureConnected();
    return crmdb::schemaVersion(connection_.session());
}

std::unique_ptr<core::CrmTransaction> SociCrmStore::begin() {
    return std::make_unique<SociCrmTransaction>(connection_, core::Durability::AtCommit);
}

std::unique_ptr<core::CrmTransaction> SociCrmStore::beginBatch() {
    return std::make_unique<SociCrmTransaction>(connection_, core::Durability::WithRunEnd);
}

void SociCrmStore::commitInBackground(std::unique_ptr<core::CrmTransaction> tx) {
    if (connection_.dialect() != core::SqlDialect::PostgreSql) {
        tx->commit();  // SQLite writes in this process: there is no server to overlap with
        return;
    }
    static_cast<SociCrmTransaction&>(*tx).prepareHandOff();
    // The transaction ends on the worker, committed or (its destructor) rolled back there.
    auto held = std::make_shared<std::unique_ptr<core::CrmTransaction>>(std::move(tx));
    connection_.commitInBackground([held] {
        std::unique_ptr<core::CrmTransaction> transaction = std::move(*held);
        transaction->commit();
    });
}

}  // namespace crmsync::crmdb
