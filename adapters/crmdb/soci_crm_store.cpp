#include "adapters/crmdb/soci_crm_store.h"

#include "adapters/crmdb/migrator.h"
#include "adapters/crmdb/soci_crm_transaction.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

SociCrmStore::SociCrmStore(const DatabaseUrl& url) : connection_(url) {}

SociCrmStore::~SociCrmStore() = default;

std::unique_ptr<SociCrmStore> SociCrmStore::open(const std::string& url) {
    return std::make_unique<SociCrmStore>(parseDatabaseUrl(url));
}

void SociCrmStore::limitPageCache(int kib) {
    if (connection_.dialect() != core::SqlDialect::Sqlite) {
        return;
    }
    connection_.ensureConnected();
    try {
        connection_.session() << "PRAGMA cache_size = -" + std::to_string(kib);
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "set the page cache size");
    }
}

int SociCrmStore::migrate() {
    requireNoTransaction("migrate");
    connection_.ensureConnected();
    return crmdb::migrate(connection_.session(), connection_.dialect());
}

int SociCrmStore::schemaVersion() {
    connection_.ensureConnected();
    return crmdb::schemaVersion(connection_.session());
}

void SociCrmStore::requireNoTransaction(const char* what) const {
    if (connection_.inTransaction()) {
        throw Error(std::string("CRM database: ") + what +
                    " must be called outside a transaction: it commits on its own");
    }
}

std::unique_ptr<core::CrmTransaction> SociCrmStore::begin() {
    return std::make_unique<SociCrmTransaction>(connection_);
}

std::vector<std::pair<std::string, std::string>> SociCrmStore::bindingHashes(
    const std::string& entity, const std::vector<std::string>& keys) {
    return bindingLookup(FixedStatement::BindingHashes, "hashes", entity, keys);
}

std::vector<std::pair<std::string, std::string>> SociCrmStore::bindingVersions(
    const std::string& entity, const std::vector<std::string>& keys) {
    return bindingLookup(FixedStatement::BindingVersions, "versions", entity, keys);
}

std::string SociCrmStore::latestBindingVersion(const std::string& entity) {
    connection_.ensureConnected();
    try {
        auto& st = connection_.statement(
            "SELECT COALESCE(MAX(onec_version), '') FROM binding WHERE entity = :p0", "t", 1);
        st.setText(0, entity);
        return st.executeOnce() ? st.text(0) : std::string();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "find the latest binding version of " + entity);
    }
}

bool SociCrmStore::hasBindings(const std::string& entity) {
    connection_.ensureConnected();
    try {
        auto& st = connection_.statement(
            "SELECT 1 FROM binding WHERE entity = :p0 LIMIT 1", "t", 1);
        st.setText(0, entity);
        return st.executeOnce();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "find whether " + entity + " has bindings");
    }
}

std::vector<std::pair<std::string, std::string>> SociCrmStore::bindingLookup(
    FixedStatement which, const char* what, const std::string& entity,
    const std::vector<std::string>& keys) {
    std::vector<std::pair<std::string, std::string>> found;
    if (keys.empty()) {
        return found;
    }
    connection_.ensureConnected();
    try {
        auto& st = connection_.fixed(which);
        st.setText(0, entity);
        for (std::size_t start = 0; start < keys.size(); start += kHashLookupChunk) {
            std::size_t n = std::min(kHashLookupChunk, keys.size() - start);
            for (std::size_t i = 0; i < kHashLookupChunk; ++i) {
                // Padding repeats the chunk's first key: IN ignores the duplicates.
                st.setText(i + 1, std::string_view(keys[start + (i < n ? i : 0)]));
            }
            for (bool row = st.execute(); row; row = st.fetch()) {
                found.emplace_back(st.text(0), st.text(1));
            }
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, std::string("look up binding ") + what + " of " + entity);
    }
    return found;
}

std::int64_t SociCrmStore::startRun(const std::string& kind, const std::string& input) {
    requireNoTransaction("startRun");
    connection_.ensureConnected();
    try {
        auto& st = connection_.fixed(FixedStatement::StartRun);
        st.setText(0, kind);
        st.setText(1, input);
        if (!st.executeOnce()) {
            throw Error("CRM database: starting a run returned no id");
        }
        return st.integer(0);
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "start " + kind + " run");
    }
}

void SociCrmStore::finishRun(std::int64_t run_id, const std::string& status,
                             const core::RunCounts& counts, const std::string& error) {
    requireNoTransaction("finishRun");
    connection_.ensureConnected();
    try {
        auto& st = connection_.fixed(FixedStatement::FinishRun);
        st.setText(0, status);
        st.setText(1, error);
        st.setInteger(2, counts.read);
        st.setInteger(3, counts.inserted);
        st.setInteger(4, counts.updated);
        st.setInteger(5, counts.unchanged);
        st.setInteger(6, counts.deactivated);
        st.setInteger(7, counts.quarantined);
        st.setInteger(8, run_id);
        st.execute();
        if (st.affectedRows() == 0) {
            throw Error("CRM database: cannot finish run " + std::to_string(run_id) +
                        ": no such run");
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "finish run " + std::to_string(run_id));
    }
}

}  // namespace crmsync::crmdb
