// GET /api/v1/quarantine, GET /api/v1/quarantine/{id}: records crmsync refused, as received,
// with where they came from and why; open until a later run applies the same key.
// POST /api/v1/quarantine/{id}/replay: that record through the engine again with the mapping
// in force (sync/quarantine_replay.h), journaled in the person's name.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/person_journal.h"
#include "app/web/request_input.h"
#include "crmcore/logging.h"
#include "sync/quarantine_replay.h"

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

core::QuarantineRow requireEntry(ApiCall& call) {
    std::int64_t id = positiveNumber(call.params.at(0), "id");
    auto entry = call.store.crm().quarantine().find(id);
    if (!entry) {
        throw notFound("no quarantine entry " + std::to_string(id));
    }
    return *entry;
}

WebResponse showEntry(ApiCall& call) { return jsonResponse(entryJson(requireEntry(call))); }

// The record goes through the mapping of the exchange it came in by (its run's kind).
std::shared_ptr<const mapping::Mapping> mappingOf(ApiCall& call, const core::QuarantineRow& q) {
    auto run = call.store.crm().runs().find(q.run_id);
    std::string kind = run ? run->kind : "";
    auto rules = call.services.mappings.forRunKind(kind);
    if (!rules) {
        throw ApiError(409, "no_mapping",
                       "the record came from a " + kind +
                           " run, and this daemon has no mapping for that exchange");
    }
    return rules;
}

WebResponse replay(ApiCall& call) {
    core::QuarantineRow entry = requireEntry(call);
    if (entry.resolved_run_id) {
        throw ApiError(409, "resolved",
                       "quarantine entry " + std::to_string(entry.id) +
                           " is closed: run " + std::to_string(*entry.resolved_run_id) +
                           " applied its key");
    }
    auto rules = mappingOf(call, entry);
    sync::ReplayOutcome outcome;
    try {
        outcome = sync::replayQuarantined(call.store.crm(), *rules, entry);
    } catch (const InputError& e) {
        throw ApiError(422, "unreadable_record", e.what());
    }
    std::string decision = JsonFields()
                               .number("entry", entry.id)
                               .boolean("applied", outcome.applied)
                               .text("reason", outcome.reason)
                               .done();
    journalPersonAction(call.store.crm(),
                        {call.who->name, "quarantine-replay", entry.entity, entry.onec_key,
                         outcome.run_id, decision, entry.source_file + ":" +
                                                       std::to_string(entry.source_line)});
    auto now = call.store.crm().quarantine().find(entry.id);
    return jsonResponse(JsonFields()
                            .boolean("applied", outcome.applied)
                            .number("run", outcome.run_id)
                            .text("reason", outcome.reason)
                            .raw("entry", entryJson(now ? *now : entry))
                            .done());
}

}  // namespace

void addQuarantineRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/quarantine", Access::Accountant, listQuarantine);
    router.add("GET", "/api/v1/quarantine/{id}", Access::Accountant, showEntry);
    router.add("POST", "/api/v1/quarantine/{id}/replay", Access::Accountant, replay);
}

}  // namespace crmsync::app::web
