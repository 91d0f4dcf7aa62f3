#pragma once
// core::OrderOverview over SOCI: sales_order with its counterparty and binding, the state
// worked out from the conflict queue, the outbox, the quarantine and the sale exchange.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/order_overview.h"

namespace crmsync::crmdb {

class SociOrderOverview final : public core::OrderOverview {
public:
    explicit SociOrderOverview(CrmConnection& connection) : connection_(connection) {}

    std::vector<core::OrderSummary> list(const core::OrderFilter& filter) override;
    std::optional<core::OrderSummary> find(std::int64_t id) override;
    std::vector<core::OrderLineSummary> lines(std::int64_t order_id) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
