// GET /api/v1/outbox and POST /api/v1/outbox/{id}/retry: CRM changes waiting for 1C and the
// dead letters, replayed through the engine (sync/outbox_delivery.h) in the person's name.
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"
#include "sync/outbox_delivery.h"

namespace crmsync::app::web {

namespace {

// As `crmsync outbox list --json` prints it.
std::string messageJson(const core::OutboxMessage& m) {
    return JsonFields()
        .number("id", m.id)
        .text("consumer", m.consumer)
        .text("entity", sync::messageEntity(m))
        .text("table", m.table)
        .number("crm_id", m.row_id)
        .text("op", m.op)
        .raw("fields", m.fields.empty() ? "[]" : m.fields)
        .number("changes", m.changes)
        .text("state", m.state)
        .number("attempts", m.attempts)
        .text("next_attempt_at", m.next_attempt_at)
        .text("last_error", m.last_error)
        .text("batch", m.batch)
        .text("created_at", m.created_at)
        .text("updated_at", m.updated_at)
        .done();
}

WebResponse listOutbox(ApiCall& call) {
    core::OutboxQuery query;
    std::string state = queryParam(call.request, "state").value_or("all");
    requireOneOf(state, {"pending", "dead", "all"}, "state");
    if (state != "all") {
        query.state = state;
    }
    query.limit = limitParam(call.request, 100, 500);
    query.after_id = cursorParam(call.request);
    auto tx = call.store.crm().begin();
    auto messages = tx->outbox().list(query);
    tx->commit();
    std::vector<std::string> items;
    for (const auto& message : messages) {
        items.push_back(messageJson(message));
    }
    std::string next =
        messages.size() == query.limit ? std::to_string(messages.back().id) : "";
    return jsonResponse(pageJson(items, next));
}

WebResponse retry(ApiCall& call) {
    std::int64_t id = positiveNumber(call.params.at(0), "id");
    {
        auto tx = call.store.crm().begin();
        bool exists = tx->outbox().find(id).has_value();
        tx->commit();
        if (!exists) {
            throw notFound("no outbox message " + std::to_string(id));
        }
    }
    sync::retryMessage(call.store.crm(), id, call.who->name);
    auto tx = call.store.crm().begin();
    auto message = tx->outbox().find(id);
    tx->commit();
    // Gone already when a push delivered it in between.
    return jsonResponse(message ? messageJson(*message) : "{}");
}

}  // namespace

void addOutboxRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/outbox", Access::Accountant, listOutbox);
    router.add("POST", "/api/v1/outbox/{id}/retry", Access::Accountant, retry);
}

}  // namespace crmsync::app::web
