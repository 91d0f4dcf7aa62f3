// GET /api/v1/conflicts, GET /api/v1/conflicts/{id}, POST /api/v1/conflicts/{id}/resolve: the
// conflict queue, settled through the engine's own resolution (sync/conflict_resolution.h),
// as `crmsync conflicts resolve` does, in the signed-in person's name.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"
#include "crmcore/entity_catalog.h"
#include "sync/conflict_resolution.h"

namespace crmsync::app::web {

namespace {

std::string conflictJson(const core::Conflict& c) {
    return JsonFields()
        .number("id", c.id)
        .text("entity", c.entity)
        .number("crm_key", c.crm_id)
        .text("onec_key", c.onec_key)
        .text("field", c.field)
        .optionalText("base", c.base)
        .optionalText("crm", c.crm)
        .optionalText("onec", c.onec)
        .text("crm_changed_at", c.crm_at)
        .text("onec_changed_at", c.onec_at)
        .text("status", c.status)
        .text("policy", c.policy)
        .optionalText("resolution", c.resolution)
        .text("decided_by", c.resolved_by)
        .text("decided_at", c.resolved_at)
        .text("comment", c.comment)
        .text("lineage", c.lineage)
        .done();
}

WebResponse listConflicts(ApiCall& call) {
    core::ConflictQuery query;
    std::string status = queryParam(call.request, "status").value_or("open");
    requireOneOf(status, {"open", "resolved", "all"}, "status");
    if (status != "all") {
        query.status = status;
    }
    query.entity = queryParam(call.request, "entity");
    if (query.entity && core::findEntitySpec(*query.entity) == nullptr) {
        throw badField("entity", "entity '" + *query.entity + "' is not one crmsync knows");
    }
    std::size_t limit = limitParam(call.request, 100, 1000);
    std::int64_t after = cursorParam(call.request);
    // The queue is short (people work it down), so it is paged here rather than in SQL.
    std::vector<std::string> items;
    std::int64_t last = 0;
    for (const auto& conflict : call.store.crm().conflicts().list(query)) {
        if (conflict.id <= after) {
            continue;
        }
        if (items.size() == limit) {
            return jsonResponse(pageJson(items, std::to_string(last)));
        }
        items.push_back(conflictJson(conflict));
        last = conflict.id;
    }
    return jsonResponse(pageJson(items, ""));
}

core::Conflict requireConflict(ApiCall& call, std::int64_t id) {
    auto conflict = call.store.crm().conflicts().find(id);
    if (!conflict) {
        throw notFound("no conflict " + std::to_string(id));
    }
    return *conflict;
}

WebResponse showConflict(ApiCall& call) {
    return jsonResponse(conflictJson(requireConflict(call, positiveNumber(call.params.at(0), "id"))));
}

WebResponse resolve(ApiCall& call) {
    std::int64_t id = positiveNumber(call.params.at(0), "id");
    auto body = jsonBody(call.request);
    auto take = optionalString(*body, "take");
    auto value = optionalString(*body, "value");
    if (take.has_value() == value.has_value()) {
        throw badField("take", "give either take (crm or onec) or value");
    }
    sync::Resolution resolution;
    if (take) {
        requireOneOf(*take, {"crm", "onec"}, "take");
        resolution.take = *take == "crm" ? sync::Resolution::Take::Crm
                                         : sync::Resolution::Take::OneC;
    } else {
        resolution.take = sync::Resolution::Take::Value;
        resolution.value = *value;
    }
    resolution.comment = optionalString(*body, "comment").value_or("");
    resolution.by = call.who->name;
    requireConflict(call, id);
    return jsonResponse(conflictJson(sync::resolveConflict(call.store.crm(), id, resolution)));
}

}  // namespace

void addConflictRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/conflicts", Access::Accountant, listConflicts);
    router.add("GET", "/api/v1/conflicts/{id}", Access::Accountant, showConflict);
    router.add("POST", "/api/v1/conflicts/{id}/resolve", Access::Accountant, resolve);
}

}  // namespace crmsync::app::web
