#pragma once
// The daemon's exchange jobs as the API sees them: what is configured and how to ask one for a
// run. Implemented by app/ over the job runner (app/runner_job_control.h); the leases and the
// runs the API reads from the database, as any instance would see them.
#include <string>
#include <vector>

namespace crmsync::app::web {

struct JobInfo {
    std::string name;
    std::string action;                  // odata-push, drop-folder, ...
    std::vector<std::string> entities;   // as configured; empty: it may write every entity
    std::string schedule;                // as the runner reads it; "" when none
    std::vector<std::string> next_fires;  // UTC "YYYY-MM-DDThh:mm:ss.mmmZ"
    std::vector<std::string> on_crm_change;  // CRM tables whose changes run it
    std::vector<std::string> locks;      // the leases a run takes: "job:NAME", "entity:E"
};

class JobControl {
public:
    virtual ~JobControl() = default;
    // Every job in config order, each with its next `next_count` fire times. Thread safe.
    virtual std::vector<JobInfo> jobs(int next_count) const = 0;
    // Asks `name` for a run soon (after its debounce window; a run already waiting absorbs
    // it); the run takes the leases like any. False for an unknown job. Thread safe.
    virtual bool trigger(const std::string& name) = 0;
};

}  // namespace crmsync::app::web
