#pragma once
// Waits between retries of something that may succeed later (a request to 1C, the delivery of
// an outbox message): exponential, capped, with jitter (see RetryPolicy).
#include <chrono>
#include <cstdint>
#include <random>

namespace crmsync::util {

// Delays grow as base_delay * 2^(n-1), are capped at max_delay, and are then shortened by a
// random share of up to `jitter`, so that several crmsync instances retrying against one
// overloaded 1C server do not do it in lockstep.
struct RetryPolicy {
    int attempts = 5;                              // total tries, the first included
    std::chrono::milliseconds base_delay{500};     // wait before the second try
    std::chrono::milliseconds max_delay{30'000};   // longest wait between two tries
    double jitter = 0.5;                           // 0 = exact delays, 1 = anywhere in [0, delay]
};

class Backoff {
public:
    // `seed` fixes the jitter sequence (tests); by default it differs per process.
    explicit Backoff(const RetryPolicy& policy, std::uint32_t seed = std::random_device{}());

    // How long to wait before try number `attempt` (2 for the first retry). Not thread-safe.
    std::chrono::milliseconds delayBefore(int attempt);

private:
    RetryPolicy policy_;
    std::minstd_rand random_;
};

}  // namespace crmsync::util
