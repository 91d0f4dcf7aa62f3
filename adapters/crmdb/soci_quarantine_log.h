#pragma once
// core::QuarantineLog over SOCI, inside one transaction.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/quarantine_log.h"

namespace crmsync::crmdb {

class SociQuarantineLog final : public core::QuarantineLog {
public:
    explicit SociQuarantineLog(TransactionScope& scope) : scope_(scope) {}

    bool add(const core::QuarantineEntry& entry) override;
    void resolve(const std::string& entity, const std::string& onec_key,
                 std::int64_t run_id) override;

private:
    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
