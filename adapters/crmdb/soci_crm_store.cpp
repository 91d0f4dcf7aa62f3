#include "adapters/crmdb/soci_crm_store.h"

#include "adapters/crmdb/migrator.h"
#include "adapters/crmdb/soci_crm_transaction.h"
#include "crmcore/logging.h"

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

SociCrmStore::~SociCrmStore() {
    second_index_.reset();
    if (second_) {
        connection_.unpair();  // the second goes first: nothing may wait for it after
    }
}

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
    CrmConnection* connection = &connection_;
    if (connection_.dialect() == core::SqlDialect::PostgreSql && connection_.commitInFlight() &&
        openSecond()) {
        connection = second_.get();
    }
    return std::make_unique<SociCrmTransaction>(*connection, core::Durability::WithRunEnd);
}

bool SociCrmStore::openSecond() {
    if (second_) {
        return true;
    }
    // After a failure (say, the server's max_connections reached) not at every batch.
    constexpr auto kRetryAfter = std::chrono::minutes(1);
    const auto now = std::chrono::steady_clock::now();
    if (now < second_retry_at_) {
        return false;
    }
    try {
        second_ = std::make_unique<CrmConnection>(connection_.url());
        connection_.pairWith(*second_);
        second_index_ = std::make_unique<SociBindingIndex>(*second_);
    } catch (const std::exception& e) {
        // One connection does the same work, only without the overlap.
        core::logger("crmdb")->warn(
            "a second connection to {} failed, going on with one (tried again in a minute): {}",
            connection_.url().redacted, e.what());
        second_index_.reset();
        if (second_) {
            connection_.unpair();
        }
        second_.reset();
        second_retry_at_ = now + kRetryAfter;
        return false;
    }
    return true;
}

std::vector<core::BindingIndex*> SociCrmStore::lookupIndexes() {
    if (connection_.dialect() == core::SqlDialect::PostgreSql && openSecond()) {
        return {&binding_index_, second_index_.get()};
    }
    return {&binding_index_};
}

void SociCrmStore::awaitCommit() {
    // One commit is in flight at a time, on either connection.
    connection_.awaitCommit();
    if (second_) {
        second_->awaitCommit();
    }
}

void SociCrmStore::fence(core::LeaseFence fence) {
    if (second_) {
        second_->setFence(fence);
    }
    connection_.setFence(std::move(fence));
}

void SociCrmStore::sendAhead(core::CrmTransaction& tx) {
    if (connection_.dialect() != core::SqlDialect::PostgreSql) {
        return;
    }
    auto& transaction = static_cast<SociCrmTransaction&>(tx);
    CrmConnection& own = transaction.connection();
    if (own.sibling() == nullptr || !own.sibling()->commitInFlight() ||
        !transaction.writesMayGoAhead()) {
        return;  // nothing commits meanwhile, or the writes could wait for what does
    }
    transaction.prepareHandOff();
    own.runAhead([&transaction] { transaction.sendWritesAhead(); });
}

void SociCrmStore::commitInBackground(std::unique_ptr<core::CrmTransaction> tx) {
    if (connection_.dialect() != core::SqlDialect::PostgreSql) {
        tx->commit();  // SQLite writes in this process: there is no server to overlap with
        return;
    }
    auto& transaction = static_cast<SociCrmTransaction&>(*tx);
    transaction.prepareHandOff();
    CrmConnection& connection = transaction.connection();
    // The transaction ends on the worker, committed or (its destructor) rolled back there.
    auto held = std::make_shared<std::unique_ptr<core::CrmTransaction>>(std::move(tx));
    connection.commitInBackground([held] {
        std::unique_ptr<core::CrmTransaction> transaction = std::move(*held);
        transaction->commit();
    });
}

}  // namespace crmsync::crmdb
