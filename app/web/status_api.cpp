// GET /api/v1/runs (the run log), /api/v1/health (the database and how long since each entity
// last changed) and /api/v1/users (admins only).
#include <ctime>
#include <iomanip>
#include <sstream>

#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"
#include "app/web/run_json.h"
#include "crmcore/error.h"

namespace crmsync::app::web {

namespace {

WebResponse listRuns(ApiCall& call) {
    std::size_t limit = limitParam(call.request, 50, 500);
    auto runs = call.store.crm().runs().recent(limit, cursorParam(call.request));
    std::vector<std::string> items;
    for (const auto& run : runs) {
        items.push_back(runJson(run, RunView::Log));
    }
    return jsonResponse(pageJson(items, runs.size() == limit ? std::to_string(runs.back().id) : ""));
}

// "2026-12-01T10:30:00.000Z" as Unix seconds; nullopt when it is not that form.
std::optional<std::int64_t> unixTime(const std::string& at) {
    std::tm tm{};
    std::istringstream in(at);
    in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
    if (in.fail()) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(timegm(&tm));
}

WebResponse health(ApiCall& call) {
    std::vector<std::string> entities;
    std::string database = "ok";
    try {
        std::int64_t now = call.services.clock();
        for (const auto& [entity, at] : call.store.crm().journal().lastChangePerEntity()) {
            JsonFields fields;
            fields.text("entity", entity).text("last_run_at", at);
            auto then = unixTime(at);
            fields.raw("lag_seconds", then ? std::to_string(std::max<std::int64_t>(0, now - *then))
                                           : "null");
            entities.push_back(fields.done());
        }
    } catch (const ExternalUnavailable& e) {
        database = std::string("unavailable: ") + e.what();
    }
    return jsonResponse(JsonFields()
                            .text("database", database)
                            .raw("entities", jsonArray(entities))
                            .done(),
                        database == "ok" ? 200 : 503);
}

WebResponse listUsers(ApiCall& call) {
    std::vector<std::string> items;
    for (const auto& user : call.store.accounts().listUsers()) {
        items.push_back(JsonFields().text("name", user.name).text("role", user.role).done());
    }
    return jsonResponse(pageJson(items, ""));
}

}  // namespace

void addStatusRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/runs", Access::Accountant, listRuns);
    router.add("GET", "/api/v1/health", Access::Accountant, health);
    router.add("GET", "/api/v1/users", Access::Admin, listUsers);
}

}  // namespace crmsync::app::web
