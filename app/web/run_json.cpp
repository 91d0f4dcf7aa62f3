#include "app/web/run_json.h"

#include "app/web/json_fields.h"

namespace crmsync::app::web {

std::string runJson(const core::RunRow& run, RunView view) {
    const auto& c = run.counts;
    JsonFields counts;
    counts.number("read", c.read)
        .number("inserted", c.inserted)
        .number("updated", c.updated)
        .number("unchanged", c.unchanged)
        .number("deactivated", c.deactivated)
        .number("quarantined", c.quarantined);
    if (view == RunView::Job) {
        // Only job runs carry them (the run log's reader does not read those columns).
        counts.number("conflicts", c.conflicts).number("dead_letters", c.dead_letters);
    }
    JsonFields fields;
    fields.number("id", run.id)
        .text("kind", run.kind)
        .text("input", run.input)
        .text("status", run.status)
        .text("error", run.error)
        .text("started_at", run.started_at)
        .text("finished_at", run.finished_at)
        .raw("counts", counts.done());
    if (view == RunView::Job) {
        fields.text("instance", run.instance)
            .text("scheduled_at", run.scheduled_at)
            .text("trigger", run.trigger)
            .number("attempt", run.attempt);
    }
    return fields.done();
}

}  // namespace crmsync::app::web
