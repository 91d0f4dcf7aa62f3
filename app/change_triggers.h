#pragma once
// `on = crm-change(TABLE, ...)` of the [job.NAME] sections: one change listener for the daemon
// (adapters/crmdb: LISTEN/NOTIFY on PostgreSQL, a short poll on SQLite) whose signals trigger
// the jobs watching the changed table through their runner, with reason crm-change, so each
// run still takes the leases, is a run row and is debounced by the job's window.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/daemon_config.h"
#include "crmcore/crm_change_listener.h"
#include "scheduler/job_runner.h"

namespace crmsync::app {

// The CRM tables a job's `on = crm-change(...)` names, each given as an entity ("order") or a
// table ("sales_order"). Throws crmsync::ConfigError "[job.NAME]: job.NAME.on: ..." for a
// name that is neither.
std::vector<std::string> crmChangeTables(const config::JobConfig& job);

class ChangeTriggers {
public:
    // The jobs of `cfg` with `on = crm-change(...)`, triggered on `runner` by `listener` (null:
    // the one for cfg's database URL); no such job: does nothing and opens nothing.
    ChangeTriggers(const config::DaemonConfig& cfg, scheduler::JobRunner& runner,
                   std::unique_ptr<core::CrmChangeListener> listener = nullptr);
    ~ChangeTriggers();
    ChangeTriggers(const ChangeTriggers&) = delete;
    ChangeTriggers& operator=(const ChangeTriggers&) = delete;

    bool empty() const { return jobs_by_table_.empty(); }
    void start();
    // Before the runner stops: no trigger after it. Idempotent.
    void stop();

private:
    void onChange(const std::string& table);

    scheduler::JobRunner& runner_;
    std::map<std::string, std::vector<std::string>> jobs_by_table_;  // table -> job names
    std::set<std::string> watching_;  // every job with a crm-change trigger
    std::unique_ptr<core::CrmChangeListener> listener_;
};

}  // namespace crmsync::app
