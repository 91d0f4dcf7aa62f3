#pragma once
// The runs of exchange jobs: one row per run, skipped fire, misfire catch-up, retry and
// takeover, in the same run table as the import and OData runs (run_log.h) so that one listing
// shows them all. Each call commits on its own; throws crmsync::ExternalUnavailable when the
// database is down. Not thread safe.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/run_record.h"

namespace crmsync::core {

// Why a job run happened (column run_trigger).
inline constexpr const char* kTriggerSchedule = "schedule";  // its fire time came
inline constexpr const char* kTriggerMisfire = "misfire";    // a fire missed while down
inline constexpr const char* kTriggerRetry = "retry";        // after a failed attempt
inline constexpr const char* kTriggerTakeover = "takeover";  // another instance's run died
inline constexpr const char* kTriggerManual = "manual";      // crmsync run / trigger(name)
inline constexpr const char* kTriggerChange = "crm-change";  // a CRM change woke it

// Statuses beyond run_record.h's running/succeeded/failed.
inline constexpr const char* kStatusSkipped = "skipped";      // a missed fire not caught up
inline constexpr const char* kStatusAbandoned = "abandoned";  // its holder lost the lease

struct JobRunStart {
    std::string job;
    std::string action;  // the run's kind: odata-pull, drop-folder, ...
    std::string instance;
    std::string scheduled_at;  // UTC text; '' for a run with no fire time (manual)
    std::string trigger;
    int attempt = 1;
};

struct JobRunQuery {
    std::string job;  // '' = every run, job or not
    std::int64_t limit = 100;
};

class JobRuns {
public:
    virtual ~JobRuns() = default;
    // A new row, status "running"; returns its id.
    virtual std::int64_t start(const JobRunStart& run) = 0;
    // A row that is finished as it is written (a skipped fire: status "skipped").
    virtual std::int64_t record(const JobRunStart& run, const std::string& status,
                                const std::string& error) = 0;
    // Throws crmsync::Error for an unknown run.
    virtual void finish(std::int64_t run_id, const std::string& status, const RunCounts& counts,
                        const std::string& error) = 0;
    // The latest fire time of `job`'s schedule that has a row (run, skipped or failed; manual
    // and crm-change runs do not count): where the misfire check after a downtime starts.
    // nullopt before the job's first fire.
    virtual std::optional<std::string> lastFire(const std::string& job) = 0;
    // The rows of `job` for the fire `scheduled_at`, newest first.
    virtual std::vector<RunRow> forFire(const std::string& job,
                                        const std::string& scheduled_at) = 0;
    // Rows newest first.
    virtual void list(const JobRunQuery& query, const std::function<void(const RunRow&)>& row) = 0;
    // Deletes finished job rows older than the ages given (failures are kept longer: they are
    // what an admin looks for); returns how many went.
    virtual std::int64_t purge(std::chrono::hours keep_succeeded, std::chrono::hours keep_failed) = 0;
};

}  // namespace crmsync::core
