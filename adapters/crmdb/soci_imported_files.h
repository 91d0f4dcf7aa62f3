#pragma once
// core::ImportedFiles over SOCI (table exchange_file).
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/order_delivery.h"

namespace crmsync::crmdb {

class SociImportedFiles final : public core::ImportedFiles {
public:
    explicit SociImportedFiles(CrmConnection& connection) : connection_(connection) {}

    std::optional<std::int64_t> runOf(const std::string& digest) override;
    void record(const std::string& digest, const std::string& name,
                std::int64_t run_id) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
