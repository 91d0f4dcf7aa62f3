#pragma once
// Runs one job every `interval` on its own thread until stopped. The job's exceptions are
// caught, logged and counted: a bad file or a database outage never kills the daemon, the next
// tick simply tries again. stop() waits for the running job to finish its current step.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace crmsync::scheduler {

class IntervalRunner {
public:
    using Job = std::function<void()>;

    IntervalRunner(std::string name, std::chrono::milliseconds interval, Job job);
    ~IntervalRunner();
    IntervalRunner(const IntervalRunner&) = delete;
    IntervalRunner& operator=(const IntervalRunner&) = delete;

    void start();
    // Idempotent; returns once the job thread has ended.
    void stop();
    // Asks for a run now instead of waiting for the interval.
    void trigger();

    std::uint64_t completedRuns() const { return completed_.load(); }
    std::uint64_t failedRuns() const { return failed_.load(); }

private:
    void loop();

    std::string name_;
    std::chrono::milliseconds interval_;
    Job job_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool triggered_ = false;
    std::atomic<std::uint64_t> completed_{0};
    std::atomic<std::uint64_t> failed_{0};
};

}  // namespace crmsync::scheduler
