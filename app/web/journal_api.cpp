// GET /api/v1/journal: the change journal with the CLI's filters, paged by sequence.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/journal_json.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"
#include "app/journal_time.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::app::web {

namespace {

std::optional<std::string> timeParam(const WebRequest& request, const std::string& name) {
    auto text = queryParam(request, name);
    if (!text) {
        return std::nullopt;
    }
    std::string at = journalTime(*text);
    if (at.empty()) {
        throw badField(name, name + " '" + *text + "': " + kJournalTimeForm);
    }
    return at;
}

WebResponse listJournal(ApiCall& call) {
    const auto& request = call.request;
    core::JournalQuery query;
    query.entity = queryParam(request, "entity");
    if (query.entity && core::findEntitySpec(*query.entity) == nullptr) {
        throw badField("entity", "entity '" + *query.entity + "' is not one crmsync knows");
    }
    query.onec_key = queryParam(request, "key");
    if (auto run = queryParam(request, "run")) {
        query.run_id = positiveNumber(*run, "run");
    }
    query.origin = queryParam(request, "origin");
    if (query.origin) {
        requireOneOf(*query.origin, {"1c", "crm", "person"}, "origin");
    }
    query.op = queryParam(request, "op");
    if (query.op) {
        requireOneOf(*query.op,
                     {"insert", "update", "link", "merge", "deactivate", "export", "ack",
                      "conflict", "resolve", "delete", "skip", "dead-letter", "outbox-retry",
                      "outbox-drop", "quarantine-replay", "sign-in", "sign-out", "mapping-check",
                      "mapping-preview", "mapping-save", "mapping-rollback", "job-trigger"},
                     "op");
    }
    query.actor = queryParam(request, "by");
    query.since = timeParam(request, "since");
    query.until = timeParam(request, "until");
    query.limit = limitParam(request, 100, 1000);
    query.after_seq = cursorParam(request);
    std::vector<std::string> items;
    std::int64_t last = 0;
    call.store.crm().journal().read(query, [&](const core::JournalRow& row) {
        items.push_back(journalRowJson(row));
        last = row.seq;
    });
    std::string next = items.size() == query.limit ? std::to_string(last) : "";
    return jsonResponse(pageJson(items, next));
}

}  // namespace

void addJournalRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/journal", Access::Accountant, listJournal);
}

}  // namespace crmsync::app::web
