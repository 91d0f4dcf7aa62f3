#pragma once
// core::QuarantineReader over SOCI.
#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/crm_sql.h"
#include "crmcore/quarantine_log.h"

namespace crmsync::crmdb {

class SociQuarantineReader final : public core::QuarantineReader {
public:
    explicit SociQuarantineReader(CrmConnection& connection) : connection_(connection) {}

    std::vector<core::QuarantineRow> list(std::optional<std::int64_t> run_id) override;
    std::optional<core::QuarantineRow> find(std::int64_t id) override;
    std::vector<std::pair<std::string, std::string>> openKeys() override;

private:
    std::vector<core::QuarantineRow> read(QuarantineFilter filter, std::int64_t parameter);

    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
