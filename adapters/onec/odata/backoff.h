#pragma once
// Waits between retries of one request: exponential, capped, with jitter (see RetryPolicy).
#include <chrono>
#include <cstdint>
#include <random>

#include "adapters/onec/odata/odata_settings.h"

namespace crmsync::odata {

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

}  // namespace crmsync::odata
