#pragma once
// core::CrmChangeLog over SOCI, inside one transaction.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/change_log.h"

namespace crmsync::crmdb {

class SociChangeLog final : public core::CrmChangeLog {
public:
    explicit SociChangeLog(TransactionScope& scope) : scope_(scope) {}

    std::optional<std::string> lastEdit(const std::string& table, std::int64_t row_id,
                                        const std::string& column) override;

private:
    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
