#include "app/web/login_limiter.h"

namespace crmsync::app::web {

LoginLimiter::LoginLimiter(int max_failures, std::int64_t window_seconds, Clock clock)
    : max_failures_(max_failures), window_(window_seconds), clock_(std::move(clock)) {}

bool LoginLimiter::full(const std::string& key, std::int64_t now) {
    auto it = failures_.find(key);
    if (it == failures_.end()) {
        return false;
    }
    auto& times = it->second;
    while (!times.empty() && times.front() <= now - window_) {
        times.pop_front();
    }
    if (times.empty()) {
        failures_.erase(it);
        return false;
    }
    return static_cast<int>(times.size()) >= max_failures_;
}

bool LoginLimiter::blocked(const std::string& name, const std::string& ip) {
    std::lock_guard lock(mutex_);
    std::int64_t now = clock_();
    return full("name:" + name, now) || full("ip:" + ip, now);
}

void LoginLimiter::failed(const std::string& name, const std::string& ip) {
    std::lock_guard lock(mutex_);
    std::int64_t now = clock_();
    failures_["name:" + name].push_back(now);
    failures_["ip:" + ip].push_back(now);
}

void LoginLimiter::succeeded(const std::string& name) {
    std::lock_guard lock(mutex_);
    failures_.erase("name:" + name);
}

}  // namespace crmsync::app::web
