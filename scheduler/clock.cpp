#include "scheduler/clock.h"

namespace crmsync::scheduler {

TimePoint SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

bool SystemClock::waitUntil(TimePoint deadline, const std::function<bool()>& interrupted) {
    std::unique_lock lock(mutex_);
    return cv_.wait_until(lock, deadline, interrupted);
}

void SystemClock::wake() {
    // Taking the lock orders the caller's change before a waiter's next look at it.
    { std::lock_guard lock(mutex_); }
    cv_.notify_all();
}

TimePoint ManualClock::now() const {
    std::lock_guard lock(mutex_);
    return now_;
}

bool ManualClock::waitUntil(TimePoint deadline, const std::function<bool()>& interrupted) {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(deadline);
    if (interrupted()) {
        return true;
    }
    if (deadline > now_) {
        now_ = deadline;
    }
    return false;
}

void ManualClock::set(TimePoint t) {
    std::lock_guard lock(mutex_);
    now_ = t;
}

void ManualClock::advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
}

std::vector<TimePoint> ManualClock::sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
}

}  // namespace crmsync::scheduler
