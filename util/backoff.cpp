#include "util/backoff.h"

#include <algorithm>

namespace crmsync::util {

Backoff::Backoff(const RetryPolicy& policy, std::uint32_t seed) : policy_(policy), random_(seed) {}

std::chrono::milliseconds Backoff::delayBefore(int attempt) {
    // Doubling stops once the cap is reached, so a large attempt count cannot overflow.
    auto delay = policy_.base_delay;
    for (int i = 2; i < attempt && delay < policy_.max_delay; ++i) {
        delay *= 2;
    }
    delay = std::min(delay, policy_.max_delay);
    double jitter = std::clamp(policy_.jitter, 0.0, 1.0);
    std::uniform_real_distribution<double> share(0.0, jitter);
    auto cut = static_cast<std::chrono::milliseconds::rep>(delay.count() * share(random_));
    return delay - std::chrono::milliseconds(cut);
}

}  // namespace crmsync::util
