#pragma once
// Runs exchange jobs on their schedules, one thread per job, each run under database leases
// (crmcore/job_leases.h) so that a job runs on one instance at a time and jobs writing the same
// entities never run at once. Every run, skipped fire, catch-up, retry and takeover is a row of
// the run table (crmcore/job_runs.h); the rows also make each scheduled fire happen once across
// instances: whoever holds the leases for a fire first looks at its rows and does only what is
// left (nothing after a success, the next attempt after a failure, a takeover of a run whose
// holder died).
//
// Time comes from a Clock, so misfire, backoff, overlap and debounce tests run instantly on a
// ManualClock with runUntil(); lease expiry is on the database clock.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crmcore/crm_store.h"
#include "scheduler/clock.h"
#include "scheduler/job_spec.h"
#include "scheduler/lease_set.h"

namespace crmsync::scheduler {

struct RunnerSettings {
    std::string instance;                      // this daemon, unique among instances: host:pid
    std::chrono::milliseconds lease_ttl{15'000};  // a lease not renewed for this long is lost
    // How often a lease held by someone else is tried again while a fire waits for it.
    std::chrono::milliseconds lease_poll{1'000};
};

class JobRunner {
public:
    // `control` carries the leases and the run rows only, used under the runner's own lock;
    // each action commits through a store of its own (fenced with JobContext::fence).
    JobRunner(Clock& clock, core::CrmStore& control, RunnerSettings settings);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Before start(). Throws crmsync::Error for a second job of the same name.
    void add(JobSpec spec, JobAction action);
    // A thread per job and the lease renewer (every lease_ttl / 3).
    void start();
    // The lease renewer alone (for runNow() from the command line). Idempotent.
    void startRenewer();
    // Stops waiting, asks running actions to end at their next batch boundary, joins the
    // threads; each run releases its leases as it ends. Idempotent.
    void stop();

    // Asks for a run of `name` now (after the job's debounce window, which coalesces a burst
    // into one run); `reason` is the run's trigger (core::kTriggerManual, kTriggerChange).
    // Thread safe; false for an unknown job.
    bool trigger(const std::string& name, const std::string& reason = core::kTriggerManual);

    // One fire of `name` now on the calling thread, with its retries, waiting for the leases
    // as long as another instance holds them. Returns the fire's last row (nullopt when the
    // runner was stopped before it ran). Throws crmsync::Error for an unknown job.
    std::optional<core::RunRow> runNow(const std::string& name);
    // The job's scheduling loop on the calling thread until the clock passes `until`: the
    // misfire check against the last fire stored, then every fire and trigger up to `until`.
    void runUntil(const std::string& name, TimePoint until);

    // The next `count` fire times of `name` after `after` (empty for a job with no schedule).
    std::vector<TimePoint> nextFires(const std::string& name, TimePoint after, int count) const;
    const std::vector<std::string>& jobNames() const { return names_; }

private:
    struct Job;

    Job& job(const std::string& name) const;
    void loop(Job& job, std::optional<TimePoint> until);
    void catchUp(Job& job, TimePoint from, TimePoint now);
    std::optional<core::RunRow> fire(Job& job, TimePoint at, const std::string& trigger,
                                     const std::string& skip_reason);
    // What is left of the fire `at_text` under `fence`: nothing, a retry, a takeover, or a
    // first attempt; sets `lost` when the leases went meanwhile.
    std::optional<core::RunRow> handleFire(Job& job, const core::LeaseFence& fence,
                                           const std::string& at_text, const std::string& trigger,
                                           const std::string& skip_reason, bool& lost);
    std::optional<core::LeaseFence> acquire(Job& job);
    void release(Job& job, const core::LeaseFence& fence);
    bool stillHeld(const core::LeaseFence& fence);
    JobOutcome attempt(Job& job, const core::JobRunStart& start, const core::LeaseFence& fence,
                       std::string& status);
    void renewLoop();
    // Waits until `deadline`, the stop or (with `triggers`) a trigger; true when interrupted.
    bool waitUntil(Job& job, TimePoint deadline, bool triggers);

    Clock& clock_;
    core::CrmStore& control_;
    std::mutex control_mutex_;  // the control store is used by one thread at a time
    RunnerSettings settings_;
    LeaseSet leases_;  // on control_, under control_mutex_
    std::map<std::string, std::unique_ptr<Job>> jobs_;
    std::vector<std::string> names_;
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
    std::thread renewer_;
};

}  // namespace crmsync::scheduler
