#include "scheduler/job_runner.h"

#include <algorithm>

#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "scheduler/fire_time.h"

namespace crmsync::scheduler {

namespace {

// Missed fires counted one by one up to this many; beyond it the catch-up starts from the
// latest one counted (an "every 1s" job down for a month would otherwise count 2.6 million).
constexpr int kMaxMissedCounted = 100'000;

std::string durationText(std::chrono::milliseconds d) {
    return std::to_string(d.count() / 1000) + "." + std::to_string(d.count() % 1000 / 100) + " s";
}

}  // namespace

struct JobRunner::Job {
    Job(JobSpec s, JobAction a) : spec(std::move(s)), action(std::move(a)), backoff(spec.retry) {}
    JobSpec spec;
    JobAction action;
    util::Backoff backoff;
    std::atomic<bool> triggered{false};
    std::mutex mutex;            // guards the two below
    std::string trigger_reason;  // of the pending trigger
    std::optional<core::LeaseFence> held;  // the leases the renewer keeps alive
    std::atomic<bool> lost{false};         // a renewal found a lease taken over
};

JobRunner::JobRunner(Clock& clock, core::CrmStore& control, RunnerSettings settings)
    : clock_(clock),
      control_(control),
      settings_(std::move(settings)),
      leases_(control_.leases(), settings_.instance, settings_.lease_ttl) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::add(JobSpec spec, JobAction action) {
    std::string name = spec.name;
    if (jobs_.count(name) != 0) {
        throw Error("job " + name + " is declared twice");
    }
    jobs_.emplace(name, std::make_unique<Job>(std::move(spec), std::move(action)));
    names_.push_back(name);
}

JobRunner::Job& JobRunner::job(const std::string& name) const {
    auto it = jobs_.find(name);
    if (it == jobs_.end()) {
        std::string known;
        for (const auto& n : names_) {
            known += (known.empty() ? "" : ", ") + n;
        }
        throw Error("no job named " + name + " (jobs: " + (known.empty() ? "none" : known) + ")");
    }
    return *it->second;
}

void JobRunner::start() {
    startRenewer();
    for (auto& [name, job] : jobs_) {
        threads_.emplace_back([this, j = job.get()] { loop(*j, std::nullopt); });
    }
}

void JobRunner::startRenewer() {
    if (!renewer_.joinable()) {
        renewer_ = std::thread([this] { renewLoop(); });
    }
}

void JobRunner::stop() {
    stopping_ = true;
    clock_.wake();
    for (auto& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
    threads_.clear();
    if (renewer_.joinable()) {
        renewer_.join();
    }
}

bool JobRunner::trigger(const std::string& name, const std::string& reason) {
    auto it = jobs_.find(name);
    if (it == jobs_.end()) {
        return false;
    }
    {
        std::lock_guard lock(it->second->mutex);
        it->second->trigger_reason = reason;
    }
    it->second->triggered = true;
    clock_.wake();
    return true;
}

bool JobRunner::waitUntil(Job& job, TimePoint deadline, bool triggers) {
    return clock_.waitUntil(deadline, [this, &job, triggers] {
        return stopping_.load() || (triggers && job.triggered.load());
    });
}

std::vector<TimePoint> JobRunner::nextFires(const std::string& name, TimePoint after,
                                            int count) const {
    const Job& j = job(name);
    std::vector<TimePoint> fires;
    for (auto at = after; j.spec.schedule && static_cast<int>(fires.size()) < count;) {
        auto next = j.spec.schedule->nextAfter(at);
        if (!next) {
            break;
        }
        fires.push_back(*next);
        at = *next;
    }
    return fires;
}

std::optional<core::RunRow> JobRunner::runNow(const std::string& name) {
    return fire(job(name), clock_.now(), core::kTriggerManual, "");
}

void JobRunner::runUntil(const std::string& name, TimePoint until) { loop(job(name), until); }

void JobRunner::loop(Job& job, std::optional<TimePoint> until) {
    auto log = core::logger("scheduler");
    const JobSpec& spec = job.spec;
    // The schedule resumes after the last fire stored (by any instance), so fires missed while
    // every instance was down are found; a failure to read it (database down) is retried.
    std::optional<TimePoint> cursor;
    while (!cursor && !stopping_) {
        try {
            std::optional<std::string> last;
            {
                std::lock_guard lock(control_mutex_);
                last = control_.jobRuns().lastFire(spec.name);
            }
            TimePoint now = clock_.now();
            auto last_at = last ? parseFireText(*last) : std::nullopt;
            if (spec.schedule && last_at) {
                // The last fire may be unfinished: its holder died mid-run or between retries.
                // fire() does what is left of it (nothing when it succeeded).
                fire(job, *last_at, core::kTriggerSchedule, "");
                catchUp(job, *last_at, now);
            }
            cursor = std::max(now, last_at.value_or(now));
        } catch (const std::exception& e) {
            log->error("job={} cannot read its last fire, trying again: {}", spec.name, e.what());
            waitUntil(job, clock_.now() + settings_.lease_poll, false);
        }
    }
    while (!stopping_ && cursor) {
        auto next = spec.schedule ? spec.schedule->nextAfter(*cursor) : std::nullopt;
        // A job with no schedule (or none in the next five years) waits for triggers.
        TimePoint deadline = next.value_or(clock_.now() + std::chrono::hours(24));
        if (until && deadline > *until && !job.triggered) {
            return;
        }
        if (until) {
            deadline = std::min(deadline, *until);
        }
        waitUntil(job, deadline, true);
        if (stopping_) {
            break;
        }
        try {
            if (job.triggered) {
                if (spec.debounce.count() > 0) {
                    // Triggers within the window fold into this one run.
                    waitUntil(job, clock_.now() + spec.debounce, false);
                }
                std::string reason;
                {
                    std::lock_guard lock(job.mutex);
                    reason = job.trigger_reason;
                    job.triggered = false;
                }
                fire(job, clock_.now(), reason, "");
                continue;
            }
            if (!next || clock_.now() < *next) {
                continue;  // woken for nothing, or `until` came first
            }
            fire(job, *next, core::kTriggerSchedule, "");
            cursor = *next;
            // Fires that came due while the run went on never start a second, overlapping run:
            // the misfire policy decides, as after a downtime.
            TimePoint now = clock_.now();
            auto following = spec.schedule->nextAfter(*cursor);
            if (following && *following <= now) {
                catchUp(job, *cursor, now);
                cursor = now;
            }
        } catch (const std::exception& e) {
            // A database outage while recording a run: the fire is looked at again once the
            // database is back (its rows tell what is left to do).
            log->error("job={} scheduling failed, trying again in {}: {}", spec.name,
                       durationText(settings_.lease_poll), e.what());
            waitUntil(job, clock_.now() + settings_.lease_poll, false);
        }
    }
}

void JobRunner::catchUp(Job& job, TimePoint from, TimePoint now) {
    int missed = 0;
    TimePoint latest = from;
    for (auto at = job.spec.schedule->nextAfter(from); at && *at <= now;
         at = job.spec.schedule->nextAfter(*at)) {
        latest = *at;
        if (++missed == kMaxMissedCounted) {
            break;
        }
    }
    if (missed == 0) {
        return;
    }
    auto log = core::logger("scheduler");
    std::string what = std::to_string(missed) + " fire(s) missed since " + fireText(from) +
                       ", the latest at " + fireText(latest);
    if (job.spec.misfire == Misfire::RunOnce) {
        log->info("job={} {}: catching up once (misfire = run-once)", job.spec.name, what);
        fire(job, latest, core::kTriggerMisfire, "");
    } else {
        log->info("job={} {}: skipped (misfire = skip)", job.spec.name, what);
        fire(job, latest, core::kTriggerMisfire, what + " (misfire = skip)");
    }
}

std::optional<core::LeaseFence> JobRunner::acquire(Job& job) {
    auto log = core::logger("scheduler");
    bool said = false;
    while (!stopping_) {
        std::string busy;
        std::optional<core::LeaseFence> fence;
        {
            std::lock_guard lock(control_mutex_);
            fence = leases_.acquire(job.spec.locks, busy);
        }
        if (fence) {
            return fence;
        }
        if (!said) {
            log->info("job={} waits for lease {} (held elsewhere)", job.spec.name, busy);
            said = true;
        }
        waitUntil(job, clock_.now() + settings_.lease_poll, false);
    }
    return std::nullopt;
}

void JobRunner::release(Job& job, const core::LeaseFence& fence) {
    {
        std::lock_guard lock(job.mutex);
        job.held.reset();
    }
    std::lock_guard lock(control_mutex_);
    leases_.release(fence, "job=" + job.spec.name);
}

bool JobRunner::stillHeld(const core::LeaseFence& fence) {
    std::lock_guard lock(control_mutex_);
    return leases_.renew(fence);
}

std::optional<core::RunRow> JobRunner::fire(Job& job, TimePoint at, const std::string& trigger,
                                            const std::string& skip_reason) {
    auto fence = acquire(job);
    if (!fence) {
        return std::nullopt;  // stopped while waiting
    }
    job.lost = false;
    {
        std::lock_guard lock(job.mutex);
        job.held = *fence;
    }
    std::optional<core::RunRow> last;
    bool lost = false;
    try {
        // Runs another instance left "running" lost their leases to us: their fires are
        // finished first (a takeover), whichever fire this one is.
        std::vector<std::string> stale;
        {
            std::lock_guard lock(control_mutex_);
            control_.jobRuns().list({job.spec.name, 20}, [&](const core::RunRow& r) {
                if (r.status == "running" && !r.scheduled_at.empty() &&
                    r.scheduled_at != fireText(at)) {
                    stale.push_back(r.scheduled_at);
                }
            });
        }
        for (const auto& other : stale) {
            if (!lost && !stopping_) {
                handleFire(job, *fence, other, core::kTriggerSchedule, "", lost);
            }
        }
        if (!lost) {
            last = handleFire(job, *fence, fireText(at), trigger, skip_reason, lost);
        }
    } catch (...) {
        release(job, *fence);
        throw;
    }
    if (!lost) {
        release(job, *fence);
    } else {
        std::lock_guard lock(job.mutex);
        job.held.reset();
    }
    return last;
}

std::optional<core::RunRow> JobRunner::handleFire(Job& job, const core::LeaseFence& held,
                                                  const std::string& at_text,
                                                  const std::string& trigger,
                                                  const std::string& skip_reason, bool& lost) {
    auto log = core::logger("scheduler");
    const JobSpec& spec = job.spec;
    std::optional<core::RunRow> last;
    {
        for (;;) {
            std::vector<core::RunRow> rows;
            {
                std::lock_guard lock(control_mutex_);
                rows = control_.jobRuns().forFire(spec.name, at_text);
            }
            core::JobRunStart start{spec.name, spec.action, settings_.instance, at_text, trigger,
                                    1};
            if (!rows.empty()) {
                const core::RunRow& newest = rows.front();
                last = newest;
                if (newest.status == "succeeded" || newest.status == core::kStatusSkipped) {
                    break;  // done, here or on another instance
                }
                if (newest.status == "running") {
                    // We hold its leases, so its holder lost them: it died or was paused.
                    std::lock_guard lock(control_mutex_);
                    control_.jobRuns().finish(newest.id, core::kStatusAbandoned, newest.counts,
                                              "instance " + newest.instance +
                                                  " stopped renewing its lease; taken over by " +
                                                  settings_.instance);
                    start.trigger = core::kTriggerTakeover;
                    log->warn("job={} run={} (fire {}) abandoned by {}: taking it over",
                              spec.name, newest.id, at_text, newest.instance);
                } else if (newest.attempt >= spec.retry.attempts) {
                    break;  // failed for good
                } else {
                    start.trigger = core::kTriggerRetry;
                }
                start.attempt = newest.attempt + 1;
            }
            if (!skip_reason.empty()) {
                std::lock_guard lock(control_mutex_);
                control_.jobRuns().record(start, core::kStatusSkipped, skip_reason);
                break;
            }
            std::string status;
            JobOutcome outcome = attempt(job, start, held, status);
            if (status == core::kStatusAbandoned) {
                lost = true;
                break;
            }
            if (outcome.ok || start.attempt >= spec.retry.attempts || stopping_) {
                if (!outcome.ok && start.attempt >= spec.retry.attempts) {
                    log->error("job={} fire {} failed {} time(s), giving up until the next "
                               "fire: {}", spec.name, at_text, start.attempt, outcome.error);
                }
                last.reset();
                std::lock_guard lock(control_mutex_);
                auto done = control_.jobRuns().forFire(spec.name, at_text);
                if (!done.empty()) {
                    last = done.front();
                }
                break;
            }
            // Full jitter keeps instances retrying against one 1C server out of step.
            auto delay = job.backoff.delayBefore(start.attempt + 1);
            log->warn("job={} attempt {} failed, retrying in {}: {}", spec.name, start.attempt,
                      durationText(delay), outcome.error);
            if (waitUntil(job, clock_.now() + delay, false)) {
                break;
            }
        }
    }
    return last;
}

JobOutcome JobRunner::attempt(Job& job, const core::JobRunStart& start,
                              const core::LeaseFence& fence, std::string& status) {
    auto log = core::logger("scheduler");
    const JobSpec& spec = job.spec;
    std::int64_t run_id = 0;
    {
        std::lock_guard lock(control_mutex_);
        run_id = control_.jobRuns().start(start);
    }
    const TimePoint started = clock_.now();
    log->info("job={} run={} started ({}, attempt {}, fire {})", spec.name, run_id,
              start.trigger, start.attempt, start.scheduled_at);
    auto timed_out = [&] {
        return spec.timeout.count() > 0 && clock_.now() - started >= spec.timeout;
    };
    // Asked between batches: besides the stop and the timeout it renews the leases, so work
    // that woke up after losing them (a paused process) stops before touching anything
    // outside the database (a drop-folder file, a request to 1C), not only at its next commit.
    auto lease_gone = [&] {
        try {
            if (!job.lost && !stillHeld(fence)) {
                job.lost = true;
            }
        } catch (const std::exception&) {
            // The database is down: the commit will fail anyway, and tell.
        }
        return job.lost.load();
    };
    JobContext context{spec, run_id, fence, [&] {
                           return stopping_.load() || timed_out() || lease_gone();
                       }};
    JobOutcome outcome;
    bool lost = false;
    try {
        outcome = job.action(context);
    } catch (const LeaseLost& e) {
        lost = true;
        outcome = {false, {}, e.what()};
    } catch (const std::exception& e) {
        outcome = {false, {}, e.what()};
    }
    // A lease lost mid-run shows here even when the action swallowed the failed commit.
    if (!lost && !job.lost) {
        try {
            lost = !stillHeld(fence);
        } catch (const std::exception& e) {
            log->warn("job={} run={} cannot check its lease: {}", spec.name, run_id, e.what());
        }
    }
    lost = lost || job.lost;
    if (lost) {
        status = core::kStatusAbandoned;
        if (outcome.error.empty()) {
            outcome.error = "lease lost";
        }
        outcome.ok = false;
    } else if (timed_out() && !outcome.ok) {
        status = "failed";
        outcome.error = "timed out after " + durationText(spec.timeout) +
                        (outcome.error.empty() ? "" : ": " + outcome.error);
    } else if (timed_out()) {
        // Stopped at a batch boundary by the timeout: what it did is committed, the rest is not.
        status = "failed";
        outcome.ok = false;
        outcome.error = "timed out after " + durationText(spec.timeout);
    } else {
        status = outcome.ok ? "succeeded" : "failed";
    }
    {
        std::lock_guard lock(control_mutex_);
        control_.jobRuns().finish(run_id, status, outcome.counts, outcome.error);
    }
    auto line = fmt::format("job={} run={} {} in {}: read {}, written {}, conflicts {}, "
                            "quarantined {}, dead letters {}{}{}",
                            spec.name, run_id, status, durationText(clock_.now() - started),
                            outcome.counts.read, outcome.counts.inserted + outcome.counts.updated,
                            outcome.counts.conflicts, outcome.counts.quarantined,
                            outcome.counts.dead_letters, outcome.error.empty() ? "" : ": ",
                            outcome.error);
    if (status == "succeeded") {
        log->info("{}", line);
    } else {
        log->warn("{}", line);
    }
    return outcome;
}

void JobRunner::renewLoop() {
    auto log = core::logger("scheduler");
    const auto every = std::max(std::chrono::milliseconds(1), settings_.lease_ttl / 3);
    while (!clock_.waitUntil(clock_.now() + every, [this] { return stopping_.load(); })) {
        for (auto& [name, job] : jobs_) {
            std::optional<core::LeaseFence> held;
            {
                std::lock_guard lock(job->mutex);
                held = job->held;
            }
            if (!held) {
                continue;
            }
            try {
                if (!stillHeld(*held)) {
                    log->error("job={} lost its lease to another instance: stopping its run",
                               name);
                    job->lost = true;
                }
            } catch (const std::exception& e) {
                log->warn("job={} cannot renew its lease: {}", name, e.what());
            }
        }
    }
}

std::vector<std::string> jobLocks(const std::string& job,
                                  const std::vector<std::string>& entities) {
    std::vector<std::string> locks{"job:" + job};
    for (const auto& e : entities) {
        locks.push_back("entity:" + e);
    }
    std::sort(locks.begin(), locks.end());
    locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
    return locks;
}

}  // namespace crmsync::scheduler
