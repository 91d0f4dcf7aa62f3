#pragma once
// One run of an exchange in the run log, from its start to its end, used by every run owner
// (an import, an exchange import, an OData pull and push, a sale query): it opens the row,
// carries the counts and closes the row as succeeded or failed, logging both ends with the
// run's id. A scope left without succeed() or fail() — an exception passing through — closes
// its run as failed, so no run stays "running" for ever.
#include <cstdint>
#include <string>

#include "crmcore/run_log.h"

namespace crmsync::sync {

class RunScope {
public:
    // Starts the run (RunLog::start: commits on its own, throws what it throws).
    RunScope(core::RunLog& runs, std::string kind, std::string input);
    // Closes a run still open as failed; never throws (a database that is gone cannot take
    // even that, and the error that got us here is the one to report).
    ~RunScope();
    RunScope(const RunScope&) = delete;
    RunScope& operator=(const RunScope&) = delete;

    std::int64_t id() const { return id_; }
    const std::string& kind() const { return kind_; }
    core::RunCounts& counts() { return counts_; }
    const core::RunCounts& counts() const { return counts_; }

    // Close the run with its counts; each at most once (a second call throws crmsync::Error).
    // Call them outside any transaction of the same store.
    void succeed();
    void fail(const std::string& error);

private:
    void finish(const std::string& status, const std::string& error);

    core::RunLog& runs_;
    std::string kind_;
    std::int64_t id_ = 0;
    core::RunCounts counts_;
    bool finished_ = false;
};

}  // namespace crmsync::sync
