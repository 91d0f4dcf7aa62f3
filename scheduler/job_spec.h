#pragma once
// An exchange job as the runner sees it: when it fires, what it does when it missed fires, the
// leases it must hold, and how it retries. Built by app/ from a [job.NAME] config section.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/job_leases.h"
#include "crmcore/run_record.h"
#include "scheduler/schedule.h"
#include "util/backoff.h"

namespace crmsync::scheduler {

// What to do with fires missed while the daemon was down or while a run outlasted them.
enum class Misfire {
    RunOnce,  // one catch-up run for the latest missed fire, now
    Skip,     // a "skipped" row for the latest missed fire; wait for the next one
};

struct JobSpec {
    std::string name;
    std::string action;                // the run's kind in the run table: odata-pull, ...
    std::optional<Schedule> schedule;  // none: runs only when triggered
    Misfire misfire = Misfire::RunOnce;
    std::chrono::milliseconds timeout{0};  // 0: none; past it the run stops at a batch boundary
    // Sorted and unique; always holds "job:NAME", plus "entity:E" for each entity it writes,
    // so jobs writing one entity never run at once, on one instance or several.
    std::vector<std::string> locks;
    util::RetryPolicy retry;  // attempts per fire, the first included
    // Coalesces triggers (crm-change, trigger()) arriving within this window into one run.
    std::chrono::milliseconds debounce{0};
};

// The lock names of a job writing `entities`, as JobSpec::locks wants them.
std::vector<std::string> jobLocks(const std::string& job, const std::vector<std::string>& entities);

// What an action sees of its run.
struct JobContext {
    const JobSpec& job;
    std::int64_t run_id = 0;
    // Hand it to the store the action commits through (CrmStore::fence) before its first
    // transaction: a commit after the lease was lost then fails with crmsync::LeaseLost.
    core::LeaseFence fence;
    // True once the daemon stops, the lease was lost or the timeout passed: end at the next
    // batch boundary.
    std::function<bool()> should_stop;
};

struct JobOutcome {
    bool ok = true;
    core::RunCounts counts;
    std::string error;  // when !ok: what failed, for the run row and the log
};

// Runs one attempt of the job. May throw: the runner records the exception as the failure.
using JobAction = std::function<JobOutcome(const JobContext&)>;

}  // namespace crmsync::scheduler
