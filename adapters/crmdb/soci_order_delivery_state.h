#pragma once
// core::OrderDeliveryState over SOCI (table order_exchange), inside one transaction.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/order_delivery.h"

namespace crmsync::crmdb {

class SociOrderDeliveryState final : public core::OrderDeliveryState {
public:
    explicit SociOrderDeliveryState(TransactionScope& scope) : scope_(scope) {}

    void markSent(std::int64_t order_id, const std::string& hash,
                  const std::string& batch,
                  const std::string& rows) override;
    std::vector<core::SentOrder> unacknowledged(const std::string& batch) override;
    void markAcknowledged(std::int64_t order_id) override;
    void markKnown(std::int64_t order_id, const std::string& hash) override;

private:
    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
