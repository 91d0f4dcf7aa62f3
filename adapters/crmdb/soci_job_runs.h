#pragma once
// core::JobRuns over SOCI: job runs are rows of sync_run (schema version 6), next to the import
// and OData runs they contain. Each call commits on its own.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/job_runs.h"

namespace crmsync::crmdb {

class SociJobRuns final : public core::JobRuns {
public:
    explicit SociJobRuns(CrmConnection& connection) : connection_(connection) {}

    std::int64_t start(const core::JobRunStart& run) override;
    std::int64_t record(const core::JobRunStart& run, const std::string& status,
                        const std::string& error) override;
    void finish(std::int64_t run_id, const std::string& status, const core::RunCounts& counts,
                const std::string& error) override;
    std::optional<std::string> lastFire(const std::string& job) override;
    std::vector<core::RunRow> forFire(const std::string& job,
                                      const std::string& scheduled_at) override;
    void list(const core::JobRunQuery& query,
              const std::function<void(const core::RunRow&)>& row) override;
    std::int64_t purge(std::chrono::hours keep_succeeded, std::chrono::hours keep_failed) override;

private:
    std::int64_t insert(const core::JobRunStart& run, const std::string& status,
                        const std::string& error, bool finished);

    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
