#pragma once
// core::OrderDocuments over SOCI: orders with their lines, counterparty and 1C keys, each call
// read in one transaction so that an order and its lines match.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/order_delivery.h"

namespace crmsync::crmdb {

class SociOrderDocuments final : public core::OrderDocuments {
public:
    explicit SociOrderDocuments(CrmConnection& connection) : connection_(connection) {}

    std::vector<core::OrderDocumentData> byIds(const std::vector<std::int64_t>& ids) override;
    std::vector<std::int64_t> touchedByRun(std::int64_t run_id) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
