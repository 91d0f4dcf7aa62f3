// GET /api/v1/quarantine: records crmsync refused, as received, with where they came from and
// why; open until a later run applies the same key.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"

namespace crmsync::app::web {

namespace {

std::string entryJson(const core::QuarantineRow& q) {
    return JsonFields()
        .number("id", q.id)
        .text("at", q.at)
        .number("run", q.run_id)
        .text("entity", q.entity)
        .text("onec_key", q.onec_key)
        .text("file", q.source_file)
        .number("line", static_cast<std::int64_t>(q.source_line))
        .text("reason", q.reason)
        .raw("record", q.record_json.empty() ? "null" : q.record_json)
        .text("status", q.resolved_run_id ? "resolved" : "open")
        .done();
}

WebResponse listQuarantine(ApiCall& call) {
    std::string status = queryParam(call.request, "status").value_or("open");
    requireOneOf(status, {"open", "all"}, "status");
    std::size_t limit = limitParam(call.request, 100, 1000);
    std::int64_t after = cursorParam(call.request);
    std::vector<std::string> items;
    std::int64_t last = 0;
    // Paged here: the reader gives every entry, and the open ones are few.
    for (const auto& entry : call.store.crm().quarantine().list(std::nullopt)) {
        if (entry.id <= after || (status == "open" && entry.resolved_run_id)) {
            continue;
        }
        if (items.size() == limit) {
            return jsonResponse(pageJson(items, std::to_string(last)));
        }
        items.push_back(entryJson(entry));
        last = entry.id;
    }
    return jsonResponse(pageJson(items, ""));
}

}  // namespace

void addQuarantineRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/quarantine", Access::Accountant, listQuarantine);
}

}  // namespace crmsync::app::web
