// GET /api/v1/jobs (each job with its next fires, lease and last run), GET
// /api/v1/jobs/{name}/runs (its run rows) and POST /api/v1/jobs/{name}/trigger (a run now:
// 1C calls it from an event subscription with an admin's API token). Admins only: a trigger
// makes crmsync talk to 1C, and the job list shows the daemon's wiring.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/person_journal.h"
#include "app/web/request_input.h"
#include "app/web/run_json.h"
#include "crmcore/logging.h"

namespace crmsync::app::web {

namespace {

constexpr int kNextFires = 3;

std::string textArray(const std::vector<std::string>& values) {
    std::vector<std::string> items;
    for (const auto& v : values) {
        items.push_back(jsonText(v));
    }
    return jsonArray(items);
}

// The job's own lease ("job:NAME"): who holds it and at which epoch; null when never taken.
std::string leaseJson(core::CrmStore& crm, const std::string& job) {
    auto lease = crm.leases().find("job:" + job);
    if (!lease) {
        return "null";
    }
    return JsonFields()
        .text("holder", lease->holder)
        .number("epoch", lease->epoch)
        .text("expires_at", lease->expires_at)
        .done();
}

std::string lastRunJson(core::CrmStore& crm, const std::string& job) {
    std::string last = "null";
    crm.jobRuns().list({job, 1},
                       [&](const core::RunRow& run) { last = runJson(run, RunView::Job); });
    return last;
}

JobControl& jobControl(ApiCall& call) {
    if (call.services.jobs == nullptr) {
        throw notFound("this daemon runs no [job.NAME] jobs");
    }
    return *call.services.jobs;
}

// The job named in the path, or 404.
std::string knownJob(ApiCall& call) {
    const std::string& name = call.params.at(0);
    if (call.services.jobs != nullptr) {
        for (const auto& job : call.services.jobs->jobs(0)) {
            if (job.name == name) {
                return name;
            }
        }
    }
    throw notFound("no job " + name);
}

WebResponse listJobs(ApiCall& call) {
    std::vector<std::string> items;
    if (call.services.jobs != nullptr) {
        for (const auto& job : call.services.jobs->jobs(kNextFires)) {
            items.push_back(JsonFields()
                                .text("name", job.name)
                                .text("action", job.action)
                                .raw("entities", textArray(job.entities))
                                .optionalText("schedule", job.schedule.empty()
                                                              ? std::nullopt
                                                              : std::optional(job.schedule))
                                .raw("next_fires", textArray(job.next_fires))
                                .raw("on_crm_change", textArray(job.on_crm_change))
                                .raw("locks", textArray(job.locks))
                                .raw("lease", leaseJson(call.store.crm(), job.name))
                                .raw("last_run", lastRunJson(call.store.crm(), job.name))
                                .done());
        }
    }
    return jsonResponse(pageJson(items, ""));
}

WebResponse listJobRuns(ApiCall& call) {
    const std::string job = knownJob(call);
    core::JobRunQuery query{job, static_cast<std::int64_t>(limitParam(call.request, 50, 500))};
    std::vector<std::string> items;
    call.store.crm().jobRuns().list(query, [&](const core::RunRow& run) {
        items.push_back(runJson(run, RunView::Job));
    });
    return jsonResponse(pageJson(items, ""));
}

WebResponse triggerJob(ApiCall& call) {
    const std::string job = knownJob(call);
    if (!jobControl(call).trigger(job)) {
        throw notFound("no job " + job);
    }
    core::logger("http")->info("job={} run requested over the API by {}", job, call.who->name);
    journalPersonAction(call.store.crm(), {call.who->name, "job-trigger", "", job, 0, "{}",
                                           "web " + call.request.client_ip});
    return jsonResponse(JsonFields().text("job", job).text("status", "accepted").done(), 202);
}

}  // namespace

void addJobRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/jobs", Access::Admin, listJobs);
    router.add("GET", "/api/v1/jobs/{name}/runs", Access::Admin, listJobRuns);
    router.add("POST", "/api/v1/jobs/{name}/trigger", Access::Admin, triggerJob);
}

}  // namespace crmsync::app::web
