#pragma once
// Time for the scheduler, behind an interface so that cron, misfire, backoff and lease tests run
// instantly on a ManualClock and repeat exactly (docs/style.md, lesson 10). Times are UTC.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace crmsync::scheduler {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
public:
    virtual ~Clock() = default;

    // The current UTC time. Thread safe.
    virtual TimePoint now() const = 0;
    // Blocks until `deadline` or until `interrupted()` is true, whichever comes first; returns
    // true when interrupted. `interrupted` is evaluated under the clock's lock, so a caller that
    // changes what it reads and then calls wake() is never missed. Thread safe.
    virtual bool waitUntil(TimePoint deadline, const std::function<bool()>& interrupted) = 0;
    // Makes every waiter evaluate its `interrupted` again (a stop, a trigger).
    virtual void wake() = 0;
};

// The process's wall clock (std::chrono::system_clock).
class SystemClock final : public Clock {
public:
    TimePoint now() const override;
    bool waitUntil(TimePoint deadline, const std::function<bool()>& interrupted) override;
    void wake() override;

private:
    std::mutex mutex_;
    std::condition_variable cv_;
};

// A clock that moves only when told to. waitUntil() does not block: time jumps to the deadline
// (a simulated sleep, recorded in sleeps()), unless `interrupted()` is already true. So a
// scheduler loop driven by it runs a day of fires in microseconds.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start) {}

    TimePoint now() const override;
    bool waitUntil(TimePoint deadline, const std::function<bool()>& interrupted) override;
    void wake() override {}

    void set(TimePoint t);
    void advance(std::chrono::milliseconds by);
    // Every deadline waited for so far, in order.
    std::vector<TimePoint> sleeps() const;

private:
    mutable std::mutex mutex_;
    TimePoint now_;
    std::vector<TimePoint> sleeps_;
};

}  // namespace crmsync::scheduler
