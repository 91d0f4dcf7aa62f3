#pragma once
// core::RunLog over SOCI (table run). Each call commits on its own.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/run_log.h"

namespace crmsync::crmdb {

class SociRunLog final : public core::RunLog {
public:
    explicit SociRunLog(CrmConnection& connection) : connection_(connection) {}

    std::int64_t start(const std::string& kind, const std::string& input) override;
    void finish(std::int64_t run_id, const std::string& status, const core::RunCounts& counts,
                const std::string& error) override;
    std::optional<core::RunRow> find(std::int64_t run_id) override;
    std::vector<core::RunRow> recent(std::size_t limit, std::int64_t before_id) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
