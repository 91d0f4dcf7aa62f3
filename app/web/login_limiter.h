#pragma once
// Counts failed sign-ins per user name and per client address in a sliding window; once either
// reaches the limit, sign-in is refused (429) until the window passes, right password or not,
// so guessing costs a window per few tries. In memory: a restart forgives, which a person
// locked out by a typo may welcome. Thread safe.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/web/web_settings.h"

namespace crmsync::app::web {

class LoginLimiter {
public:
    LoginLimiter(int max_failures, std::int64_t window_seconds, Clock clock);

    bool blocked(const std::string& name, const std::string& ip);
    void failed(const std::string& name, const std::string& ip);
    // The name's count starts over (the address's does not: one address trying many names
    // stays limited).
    void succeeded(const std::string& name);

private:
    bool full(const std::string& key, std::int64_t now);

    int max_failures_;
    std::int64_t window_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace crmsync::app::web
