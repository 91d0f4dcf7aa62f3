#pragma once
// A row of the run table as the API shows it: GET /api/v1/runs (the run log) and
// GET /api/v1/jobs/{name}/runs (a job's runs, which also say where, why and which attempt).
#include <string>

#include "crmcore/run_record.h"

namespace crmsync::app::web {

enum class RunView {
    Log,  // id, kind, input, status, error, started_at, finished_at, counts
    Job,  // the same, counts with conflicts and dead letters, then instance, scheduled_at,
          // trigger, attempt
};

std::string runJson(const core::RunRow& run, RunView view);

}  // namespace crmsync::app::web
