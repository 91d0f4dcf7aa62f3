#include "app/runner_job_control.h"

#include "app/change_triggers.h"
#include "app/configured_jobs.h"
#include "crmcore/job_runs.h"
#include "scheduler/fire_time.h"

namespace crmsync::app {

RunnerJobControl::RunnerJobControl(const config::DaemonConfig& cfg, scheduler::JobRunner& runner)
    : runner_(runner) {
    auto specs = jobSpecs(cfg);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const config::JobConfig& job = cfg.jobs.jobs[i];
        web::JobInfo info;
        info.name = job.name;
        info.action = job.action;
        info.entities = job.entities;
        info.schedule = specs[i].schedule ? specs[i].schedule->describe() : "";
        info.on_crm_change = crmChangeTables(job);
        info.locks = specs[i].locks;
        configured_.push_back(std::move(info));
    }
}

std::vector<web::JobInfo> RunnerJobControl::jobs(int next_count) const {
    std::vector<web::JobInfo> jobs = configured_;
    if (next_count > 0) {
        const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
        for (auto& job : jobs) {
            for (const auto& at : runner_.nextFires(job.name, now, next_count)) {
                job.next_fires.push_back(scheduler::fireText(at));
            }
        }
    }
    return jobs;
}

bool RunnerJobControl::trigger(const std::string& name) {
    return runner_.trigger(name, core::kTriggerManual);
}

}  // namespace crmsync::app
