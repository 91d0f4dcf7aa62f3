#include "app/mapping_watcher.h"

#include <fstream>
#include <sstream>

#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "mapping/mapping_file.h"

namespace crmsync::app {

namespace {

// Stands for the version of a file that could not be read, so a missing file is reported once.
const std::string kUnreadable = "(unreadable)";

// The built-in mapping lives as long as the program: shared without an owner.
std::shared_ptr<const mapping::Mapping> builtin() {
    return mapping::fixedMapping(mapping::builtinCommerceMlMapping())();
}

std::optional<std::string> readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

MappingWatcher::MappingWatcher(std::filesystem::path file, ColumnsReader columns)
    : file_(std::move(file)), columns_(std::move(columns)) {
    if (file_.empty()) {
        current_ = builtin();
        return;
    }
    std::error_code ignored;  // an unreadable file is reported by the loader below
    seen_ = stamp(ignored);
    mapping::DatabaseColumns database;
    if (columns_) {
        database = columns_();
    }
    current_ = std::make_shared<const mapping::Mapping>(
        mapping::requireMappingFile(file_, {columns_ ? &database : nullptr}));
    core::logger("mapping")->info("mapping {} in force", current_->version);
}

mapping::LoadResult MappingWatcher::load(const std::string& bytes) const {
    if (!columns_) {
        return mapping::loadMappingText(bytes, file_.string());
    }
    mapping::DatabaseColumns database = columns_();
    return mapping::loadMappingText(bytes, file_.string(), {&database});
}

std::shared_ptr<const mapping::Mapping> MappingWatcher::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

MappingWatcher::Stamp MappingWatcher::stamp(std::error_code& error) const {
    Stamp now;
    now.time = std::filesystem::last_write_time(file_, error);
    if (!error) {
        now.size = std::filesystem::file_size(file_, error);
    }
    return now;
}

MappingWatcher::PollResult MappingWatcher::poll() {
    if (file_.empty()) {
        return {};
    }
    std::error_code error;
    Stamp now = stamp(error);
    std::optional<std::string> bytes;
    if (!error) {
        if (now == seen_) {
            return {};
        }
        bytes = readBytes(file_);
    }
    if (!bytes) {
        std::string reason = error ? error.message() : "cannot be read";
        return refuse(kUnreadable, file_.string() + ": " + reason);
    }
    seen_ = now;
    std::string version = mapping::mappingVersion(file_.string(), *bytes);
    if (version == current()->version) {
        refused_version_.clear();
        return {};  // touched or saved again without a change
    }
    if (version == refused_version_) {
        return {};
    }
    std::optional<mapping::LoadResult> loaded;
    try {
        loaded = load(*bytes);
    } catch (const Error& e) {
        // The database is down: not the file's fault, so look again at the next poll.
        seen_ = {};
        core::logger("mapping")->warn("mapping {} not loaded yet: {}", file_.string(), e.what());
        return {};
    }
    if (!loaded->mapping) {
        return refuse(version, loaded->diagnostics.text());
    }
    auto fresh = std::make_shared<const mapping::Mapping>(std::move(*loaded->mapping));
    std::string previous;
    {
        std::lock_guard lock(mutex_);
        previous = current_->version;
        current_ = fresh;
    }
    refused_version_.clear();
    core::logger("mapping")->info("mapping reloaded: {} replaces {}; runs starting from now "
                                  "use it", fresh->version, previous);
    return {Outcome::Reloaded, ""};
}

MappingWatcher::PollResult MappingWatcher::refuse(std::string version, std::string errors) {
    if (version == refused_version_) {
        return {};
    }
    refused_version_ = std::move(version);
    auto log = core::logger("mapping");
    std::istringstream lines(errors);
    for (std::string line; std::getline(lines, line);) {
        log->error("{}", line);
    }
    log->error("mapping {} refused; {} stays in force", file_.string(), current()->version);
    return {Outcome::Refused, std::move(errors)};
}

}  // namespace crmsync::app
