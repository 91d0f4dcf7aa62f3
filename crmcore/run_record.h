#pragma once
// One run of an exchange (an import, a pull, a push, a sale query) as the run log keeps it.
#include <cstdint>
#include <string>

namespace crmsync::core {

struct RunCounts {
    std::int64_t read = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t deactivated = 0;
    std::int64_t quarantined = 0;
    bool operator==(const RunCounts&) const = default;
    RunCounts& operator+=(const RunCounts& part) {
        read += part.read;
        inserted += part.inserted;
        updated += part.updated;
        unchanged += part.unchanged;
        deactivated += part.deactivated;
        quarantined += part.quarantined;
        return *this;
    }
};

struct RunRow {
    std::int64_t id = 0;
    std::string kind;
    std::string input;
    std::string status;  // "running", "succeeded", "failed"
    std::string error;
    std::string started_at;
    std::string finished_at;
    RunCounts counts;
};

}  // namespace crmsync::core
