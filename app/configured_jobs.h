#pragma once
// The [job.NAME] sections of the daemon config made into a JobRunner with every job added:
// its schedule, misfire policy, timeout, locks (from its entities), retries and action. Used by
// the daemon (serve) and by `crmsync run` and `crmsync jobs`.
#include <memory>
#include <string>
#include <vector>

#include "app/job_actions.h"
#include "config/daemon_config.h"
#include "crmcore/crm_store.h"
#include "scheduler/clock.h"
#include "scheduler/job_runner.h"

namespace crmsync::app {

// The runner's specs only: throws crmsync::ConfigError "file:line: job.NAME.schedule: ..." for
// a bad schedule or zone and "...: job.NAME.entities: ..." for an unknown entity.
std::vector<scheduler::JobSpec> jobSpecs(const config::DaemonConfig& cfg);

// This process among crmsync instances: "host:pid".
std::string instanceName();

// True when some job reads the OData mapping (so the daemon loads and watches it).
bool jobsNeedOdataMapping(const config::DaemonConfig& cfg);
// True when some job's action is drop-folder.
bool jobsReadDropFolder(const config::DaemonConfig& cfg);

class ConfiguredJobs {
public:
    // Opens the control store and each job's store; `resources` must outlive this object.
    ConfiguredJobs(const config::DaemonConfig& cfg, const JobResources& resources,
                   scheduler::Clock& clock);
    scheduler::JobRunner& runner() { return *runner_; }
    core::CrmStore& control() { return *control_; }

private:
    std::unique_ptr<core::CrmStore> control_;  // before the runner, which uses it
    std::unique_ptr<scheduler::JobRunner> runner_;
};

}  // namespace crmsync::app
