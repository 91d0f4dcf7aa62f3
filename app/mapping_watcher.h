#pragma once
// The daemon's mapping, kept in step with its file. Jobs take a snapshot (current()) when a run
// starts and keep it to the run's end, so a reload never changes a run half-way; the snapshot's
// version (file name + hash) goes into every journal row the run writes. poll() looks at the
// file (size and time, then a hash of the bytes when those moved): a valid new version is
// swapped in; an invalid one is refused, every error logged (logger "mapping"), and the mapping
// in force is kept. A file caught half-written is refused the same way and taken at the next
// poll once complete.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "mapping/entity_mapping.h"
#include "mapping/mapping_file.h"

namespace crmsync::app {

class MappingWatcher {
public:
    enum class Outcome { Unchanged, Reloaded, Refused };

    struct PollResult {
        Outcome outcome = Outcome::Unchanged;
        std::string errors;  // for Refused: every problem, one "file:line:column: message" a line
    };

    // The database's columns, read at every load so that a column an admin adds while the
    // daemon runs can be targeted by the next edit of the file. Empty: load without a database.
    using ColumnsReader = std::function<mapping::DatabaseColumns()>;

    // `file` empty: the built-in CommerceML mapping, with nothing to watch. Otherwise loads
    // `file` and throws crmsync::ConfigError listing every problem when it is invalid: the
    // daemon does not start on a broken mapping.
    explicit MappingWatcher(std::filesystem::path file, ColumnsReader columns = {});

    // The mapping in force. Thread safe.
    std::shared_ptr<const mapping::Mapping> current() const;

    // Looks at the file once. Call from one thread (the daemon's watch job). A refused
    // version is reported once: while the file stays the same, later polls say Unchanged.
    PollResult poll();

private:
    struct Stamp {
        std::filesystem::file_time_type time;
        std::uintmax_t size = 0;
        bool operator==(const Stamp&) const = default;
    };

    Stamp stamp(std::error_code& error) const;
    PollResult refuse(std::string version, std::string errors);

    mapping::LoadResult load(const std::string& bytes) const;

    const std::filesystem::path file_;
    const ColumnsReader columns_;
    Stamp seen_;                 // of the file as last read
    std::string refused_version_;  // the version last refused, so it is reported once
    mutable std::mutex mutex_;   // guards current_
    std::shared_ptr<const mapping::Mapping> current_;
};

}  // namespace crmsync::app
