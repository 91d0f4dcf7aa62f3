#include "sync/run_scope.h"

#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::sync {

RunScope::RunScope(core::RunLog& runs, std::string kind, std::string input)
    : runs_(runs), kind_(std::move(kind)) {
    id_ = runs_.start(kind_, input);
    core::logger("sync")->info("run={} {} started: {}", id_, kind_, input);
}

RunScope::~RunScope() {
    if (finished_) {
        return;
    }
    try {
        finish("failed", "ended by an unexpected error before it finished");
    } catch (const std::exception& e) {
        core::logger("sync")->error("run={} could not be marked failed: {}", id_, e.what());
    }
}

void RunScope::succeed() { finish("succeeded", ""); }

void RunScope::fail(const std::string& error) { finish("failed", error); }

void RunScope::finish(const std::string& status, const std::string& error) {
    if (finished_) {
        throw Error("run " + std::to_string(id_) + " is already finished");
    }
    finished_ = true;  // also when the write fails: the destructor must not try again
    runs_.finish(id_, status, counts_, error);
    auto log = core::logger("sync");
    log->log(error.empty() ? spdlog::level::info : spdlog::level::err,
             "run={} {} {}: read={} inserted={} updated={} unchanged={} deactivated={} "
             "quarantined={}{}{}",
             id_, kind_, status, counts_.read, counts_.inserted, counts_.updated,
             counts_.unchanged, counts_.deactivated, counts_.quarantined,
             error.empty() ? "" : ": ", error);
}

}  // namespace crmsync::sync
