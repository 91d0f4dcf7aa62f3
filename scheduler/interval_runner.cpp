#include "scheduler/interval_runner.h"

#include "crmcore/logging.h"

namespace crmsync::scheduler {

IntervalRunner::IntervalRunner(std::string name, std::chrono::milliseconds interval, Job job)
    : name_(std::move(name)), interval_(interval), job_(std::move(job)) {}

IntervalRunner::~IntervalRunner() { stop(); }

void IntervalRunner::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) {
        return;
    }
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void IntervalRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void IntervalRunner::trigger() {
    {
        std::lock_guard lock(mutex_);
        triggered_ = true;
    }
    wake_.notify_all();
}

void IntervalRunner::loop() {
    auto log = core::logger("scheduler");
    log->info("job={} started, every {} ms", name_, interval_.count());
    while (true) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, interval_, [this] { return stopping_ || triggered_; });
            if (stopping_) {
                break;
            }
            triggered_ = false;
        }
        try {
            job_();
            ++completed_;
        } catch (const std::exception& e) {
            ++failed_;
            log->error("job={} failed, will retry at the next tick: {}", name_, e.what());
        }
    }
    log->info("job={} stopped", name_);
}

}  // namespace crmsync::scheduler
