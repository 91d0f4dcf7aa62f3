#include "crmcore/logging.h"

#include <filesystem>
#include <mutex>
#include <vector>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace crmsync::core {

namespace {

struct LoggingSetup {
    std::mutex mutex;
    std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
    spdlog::level::level_enum level = spdlog::level::info;
};

LoggingSetup& setup() {
    static LoggingSetup instance;
    return instance;
}

}  // namespace

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    auto& s = setup();
    std::lock_guard lock(s.mutex);
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto created = std::make_shared<spdlog::logger>(name, s.sinks.begin(), s.sinks.end());
    created->set_level(s.level);
    spdlog::register_logger(created);
    return created;
}

void configureLogging(const std::string& level, const std::string& file) {
    auto& s = setup();
    std::lock_guard lock(s.mutex);
    s.level = spdlog::level::from_str(level);
    s.sinks = {std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
    if (!file.empty()) {
        auto parent = std::filesystem::path(file).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
        s.sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file));
    }
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& existing) {
        existing->sinks() = s.sinks;
        existing->set_level(s.level);
    });
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
