#pragma once
// web::JobControl over the daemon's job runner: the [job.NAME] sections as configured, their
// next fires from the runner's schedules, and a trigger that goes through the runner (so a run
// asked for over HTTP takes the leases, is debounced and is a run row like any other).
#include <vector>

#include "app/web/job_control.h"
#include "config/daemon_config.h"
#include "scheduler/job_runner.h"

namespace crmsync::app {

class RunnerJobControl final : public web::JobControl {
public:
    // Both must outlive this object; `cfg`'s jobs are the ones added to `runner`.
    RunnerJobControl(const config::DaemonConfig& cfg, scheduler::JobRunner& runner);

    std::vector<web::JobInfo> jobs(int next_count) const override;
    bool trigger(const std::string& name) override;

private:
    scheduler::JobRunner& runner_;
    std::vector<web::JobInfo> configured_;  // everything but the next fires
};

}  // namespace crmsync::app
