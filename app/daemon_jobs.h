#pragma once
// The [job.NAME] sections of a running daemon: their runner on the wall clock, the CRM change
// listener that triggers the `on = crm-change(...)` jobs, and the port through which the web
// API lists and triggers them. Built before the HTTP server (the API needs the port), started
// after it; stopped on SIGTERM after the HTTP server.
#include <memory>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/change_triggers.h"
#include "app/configured_jobs.h"
#include "app/runner_job_control.h"
#include "app/web/engine_mappings.h"
#include "config/daemon_config.h"
#include "scheduler/clock.h"

namespace crmsync::app {

class DaemonJobs {
public:
    // Opens each job's store; does nothing when `cfg` has no [job.NAME] section. `cfg` must
    // outlive this object, and so must the watchers behind `mappings`.
    DaemonJobs(const config::DaemonConfig& cfg, const web::EngineMappings& mappings);
    ~DaemonJobs();
    DaemonJobs(const DaemonJobs&) = delete;
    DaemonJobs& operator=(const DaemonJobs&) = delete;

    // For the web API; null when there are no jobs.
    web::JobControl* control() { return control_.get(); }
    void start();
    // Stops the change triggers, then the runner: runs end at a batch boundary and release
    // their leases. Idempotent.
    void stop();

private:
    const config::DaemonConfig& cfg_;
    scheduler::SystemClock clock_;
    // A drop-folder job reads [drop_folder] path (config refuses it while enabled = true scans
    // the same folder).
    std::unique_ptr<commerceml::DropFolder> folder_;
    JobResources resources_;
    std::unique_ptr<ConfiguredJobs> jobs_;
    std::unique_ptr<RunnerJobControl> control_;
    std::unique_ptr<ChangeTriggers> triggers_;
};

}  // namespace crmsync::app
