#pragma once
// core::BindingStore over SOCI, inside one transaction.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/binding_store.h"

namespace crmsync::crmdb {

class SociBindingStore final : public core::BindingStore {
public:
    explicit SociBindingStore(TransactionScope& scope) : scope_(scope) {}

    std::optional<core::Binding> find(const std::string& entity,
                                      const std::string& onec_key) override;
    // PostgreSQL: one query for the keys the transaction's unsent writes do not hold; SQLite:
    // one lookup per key (in-process, each cheaper than building a list).
    std::vector<core::Binding> findMany(const std::string& entity,
                                        const std::vector<std::string>& onec_keys) override;
    std::optional<core::Binding> findOfRow(const std::string& entity,
                                           std::int64_t crm_id) override;
    // The binding's synced_at is the transaction's time.
    void save(const core::Binding& binding) override;
    // PostgreSQL: kept and sent with COPY, the others with one upsert.
    void insert(const core::Binding& binding) override;
    void remove(const std::string& entity, const std::string& onec_key) override;
    void visitActive(const core::EntitySpec& entity,
                     const std::function<void(const std::string&, std::int64_t)>& visit) override;

private:
    CrmConnection& connection() { return scope_.connection(); }
    void write(const core::Binding& binding, bool known_unbound);

    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
