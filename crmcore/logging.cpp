#include "crmcore/logging.h"

#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace crmsync::core {

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto created = spdlog::stderr_color_mt(name);
    if (auto fallback = spdlog::default_logger()) {
        created->set_level(fallback->level());
    }
    return created;
}

std::string redact(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) {
        return url;
    }
    auto at = url.find('@', scheme + 3);
    if (at == std::string::npos) {
        return url;
    }
    auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) {
        return url;
    }
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace crmsync::core
