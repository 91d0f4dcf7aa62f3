// GET /api/v1/orders and /api/v1/orders/{id}: orders for accounting, with their state in 1C
// (core::OrderOverview) and, for one order, its lines and story.
#include <algorithm>
#include <regex>

#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/journal_json.h"
#include "app/web/json_fields.h"
#include "app/web/request_input.h"

namespace crmsync::app::web {

namespace {

std::string dateParam(const WebRequest& request, const std::string& name) {
    auto text = queryParam(request, name);
    if (!text) {
        return "";
    }
    static const std::regex form(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(*text, form)) {
        throw badField(name, name + " '" + *text + "': expected a date YYYY-MM-DD");
    }
    return *text;
}

JsonFields orderFields(const core::OrderSummary& order) {
    JsonFields fields;
    fields.text("id", std::to_string(order.id))
        .text("crm_number", order.crm_number)
        .text("onec_number", order.onec_number)
        .text("onec_status", order.onec_status)
        .text("date", order.date)
        .text("counterparty", order.counterparty)
        .text("inn", order.inn)
        .text("total", order.total)
        .text("state", order.state);
    return fields;
}

WebResponse listOrders(ApiCall& call) {
    core::OrderFilter filter;
    filter.text = queryParam(call.request, "q").value_or("");
    filter.state = queryParam(call.request, "state").value_or("");
    if (!filter.state.empty()) {
        requireOneOf(filter.state, {"in_1c", "waiting", "error", "conflict"}, "state");
    }
    filter.from = dateParam(call.request, "from");
    filter.to = dateParam(call.request, "to");
    if (!filter.from.empty() && !filter.to.empty() && filter.to < filter.from) {
        throw badField("to", "to must not be before from");
    }
    filter.limit = limitParam(call.request, 50, 500);
    filter.before_id = cursorParam(call.request);
    std::vector<std::string> items;
    auto orders = call.store.orders().list(filter);
    for (const auto& order : orders) {
        items.push_back(orderFields(order).done());
    }
    std::string next = orders.size() == filter.limit ? std::to_string(orders.back().id) : "";
    return jsonResponse(pageJson(items, next));
}

std::vector<core::JournalRow> rowsOf(core::CrmStore& store, const std::string& entity,
                                     std::int64_t crm_id) {
    core::JournalQuery query;
    query.entity = entity;
    query.crm_id = crm_id;
    std::vector<core::JournalRow> rows;
    store.journal().read(query, [&](const core::JournalRow& row) { rows.push_back(row); });
    return rows;
}

WebResponse showOrder(ApiCall& call) {
    std::int64_t id = positiveNumber(call.params.at(0), "id");
    auto order = call.store.orders().find(id);
    if (!order) {
        throw notFound("no order " + std::to_string(id));
    }
    std::vector<std::string> lines;
    // The story: the journal rows of the order and of each line; the engine journals outbox
    // decisions and conflicts under the row they concern, so those come along.
    std::vector<core::JournalRow> story = rowsOf(call.store.crm(), "order", id);
    for (const auto& line : call.store.orders().lines(id)) {
        lines.push_back(JsonFields()
                            .text("id", std::to_string(line.id))
                            .text("product", line.product)
                            .text("quantity", line.quantity)
                            .text("price", line.price)
                            .text("sum", line.sum)
                            .done());
        auto of_line = rowsOf(call.store.crm(), "order_line", line.id);
        story.insert(story.end(), of_line.begin(), of_line.end());
    }
    std::sort(story.begin(), story.end(),
              [](const auto& a, const auto& b) { return a.seq < b.seq; });
    std::vector<std::string> story_json;
    for (const auto& row : story) {
        story_json.push_back(journalRowJson(row));
    }
    return jsonResponse(JsonFields()
                            .raw("order", orderFields(*order).raw("lines", jsonArray(lines)).done())
                            .raw("story", jsonArray(story_json))
                            .done());
}

}  // namespace

void addOrderRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/orders", Access::Accountant, listOrders);
    router.add("GET", "/api/v1/orders/{id}", Access::Accountant, showOrder);
}

}  // namespace crmsync::app::web
