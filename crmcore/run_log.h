#pragma once
// The run log: one row per run of an exchange. Each call commits on its own, so a failed run
// still leaves its row and its error behind; calling it while the same store has a
// transaction open throws crmsync::Error (that transaction's rollback would take the row).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/run_record.h"

namespace crmsync::core {

class RunLog {
public:
    virtual ~RunLog() = default;
    // A new run, status "running"; returns its id.
    virtual std::int64_t start(const std::string& kind, const std::string& input) = 0;
    // Throws crmsync::Error for an unknown run.
    virtual void finish(std::int64_t run_id, const std::string& status, const RunCounts& counts,
                        const std::string& error) = 0;
    virtual std::optional<RunRow> find(std::int64_t run_id) = 0;
    // The newest `limit` runs with ids below `before_id` (0: from the newest), newest first.
    virtual std::vector<RunRow> recent(std::size_t limit, std::int64_t before_id) = 0;
};

}  // namespace crmsync::core
