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
    std::int64_t conflicts = 0;     // fields left to a person or decided by policy
    std::int64_t dead_letters = 0;  // CRM changes 1C refused too often (outbox.h)
    bool operator==(const RunCounts&) const = default;
    RunCounts& operator+=(const RunCounts& part) {
        read += part.read;
        inserted += part.inserted;
        updated += part.updated;
        unchanged += part.unchanged;
        deactivated += part.deactivated;
        quarantined += part.quarantined;
        conflicts += part.conflicts;
        dead_letters += part.dead_letters;
        return *this;
    }
};

struct RunRow {
    std::int64_t id = 0;
    std::string kind;
    std::string input;
    std::string status;  // "running", "succeeded", "failed"; jobs also "skipped", "abandoned"
    std::string error;
    std::string started_at;
    std::string finished_at;
    RunCounts counts;
    // Job runs only (job_runs.h); empty for a run of `crmsync import` or one inside a job.
    std::string job;
    std::string instance;      // the crmsync instance (host:pid) that ran it
    std::string scheduled_at;  // the fire it serves; '' for a manual run
    std::string trigger;       // schedule, misfire, retry, takeover, manual, crm-change
    int attempt = 0;
};

}  // namespace crmsync::core
