#pragma once
// Named component loggers ("sync", "crmdb", "onec.commerceml", "http", ...). The daemon sets the
// sinks and level once at start; a logger asked for before that (tests, CLI) logs to stderr.
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace crmsync::core {

std::shared_ptr<spdlog::logger> logger(const std::string& name);

// Sends every component logger (existing and future) to stderr and, when `file` is not empty,
// to that file too, at `level` ("trace" .. "error"). Called once by the daemon at start.
void configureLogging(const std::string& level, const std::string& file);

// Replaces what URL userinfo carries ("postgresql://u:secret@h" -> "postgresql://u:***@h"), so
// an endpoint or connection string can be logged.
std::string redact(const std::string& url);

}  // namespace crmsync::core
