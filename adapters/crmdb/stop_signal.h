#pragma once
// A stop request a thread can wait on together with a socket: a pipe whose read end becomes
// readable once notify() was called, so poll() on it and a database socket wakes for either
// (the change listeners; no busy loop, no lost wake-up).
#include <chrono>

namespace crmsync::crmdb {

class StopSignal {
public:
    StopSignal();  // throws crmsync::Error when the process is out of file descriptors
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    // Thread safe, async-signal safe, idempotent.
    void notify();
    bool notified() const;
    // The descriptor to poll for POLLIN next to others.
    int fd() const { return read_end_; }
    // Sleeps up to `timeout`; true when notified (at once if it already was).
    bool waitFor(std::chrono::milliseconds timeout) const;

private:
    int read_end_ = -1;
    int write_end_ = -1;
};

}  // namespace crmsync::crmdb
