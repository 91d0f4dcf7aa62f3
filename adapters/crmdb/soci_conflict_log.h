#pragma once
// core::ConflictLog over SOCI, inside one transaction.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/conflict.h"

namespace crmsync::crmdb {

class SociConflictLog final : public core::ConflictLog {
public:
    explicit SociConflictLog(TransactionScope& scope) : scope_(scope) {}

    std::optional<core::Conflict> latest(const std::string& entity, std::int64_t crm_id,
                                         const std::string& field) override;
    std::int64_t add(const core::Conflict& conflict) override;
    void update(const core::Conflict& conflict) override;
    void resolve(std::int64_t id, const std::optional<std::string>& value,
                 const std::string& policy, const std::string& by,
                 const std::string& comment) override;
    std::vector<std::string> openFields(const std::string& entity, std::int64_t crm_id) override;

private:
    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
