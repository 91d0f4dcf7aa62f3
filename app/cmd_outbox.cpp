// crmsync outbox list|retry|drop: the CRM changes waiting for 1C, and the dead letters 1C kept
// refusing, for a person at a terminal.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/store_factory.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/record.h"
#include "sync/outbox_delivery.h"

namespace crmsync::app {

namespace {

std::string messageJson(const core::OutboxMessage& m) {
    auto text = [](const std::string& value) { return core::toJson(core::Value(value)); };
    return "{\"id\":" + std::to_string(m.id) + ",\"consumer\":" + text(m.consumer) +
           ",\"entity\":" + text(sync::messageEntity(m)) + ",\"table\":" + text(m.table) +
           ",\"crm_id\":" + std::to_string(m.row_id) + ",\"op\":" + text(m.op) +
           ",\"fields\":" + m.fields + ",\"changes\":" + std::to_string(m.changes) +
           ",\"state\":" + text(m.state) + ",\"attempts\":" + std::to_string(m.attempts) +
           ",\"next_attempt_at\":" + text(m.next_attempt_at) + ",\"last_error\":" +
           text(m.last_error) + ",\"batch\":" + text(m.batch) + ",\"created_at\":" +
           text(m.created_at) + ",\"updated_at\":" + text(m.updated_at) + "}";
}

void printMessage(const core::OutboxMessage& m) {
    std::cout << m.id << "  " << m.state << "  " << m.consumer << "  " << sync::messageEntity(m) << " "
              << m.row_id << "  " << m.op << " " << m.fields << "  changes " << m.changes
              << "  attempts " << m.attempts;
    if (m.state == "pending" && m.attempts > 0) {
        std::cout << "  next " << m.next_attempt_at;
    }
    if (!m.last_error.empty()) {
        std::cout << "  error: " << m.last_error;
    }
    std::cout << "\n";
}

std::int64_t messageId(const std::string& text) {
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        throw UsageError("'" + text + "': expected an outbox message id (a number)");
    }
    return std::stoll(text);
}

std::string actingPerson(const CliArgs& args) {
    std::string by = args.option("by").value_or("");
    if (by.empty()) {
        const char* user = std::getenv("USER");
        by = user != nullptr && *user != '\0' ? user : "cli";
    }
    return by;
}

int listOutbox(const Words& words) {
    CliArgs args(words, {"db", "state", "consumer", "entity"}, {"json"});
    core::OutboxQuery query;
    std::string state = args.option("state").value_or("all");
    if (state != "pending" && state != "dead" && state != "all") {
        throw UsageError("--state '" + state + "': expected pending, dead or all");
    }
    if (state != "all") {
        query.state = state;
    }
    query.consumer = args.option("consumer").value_or("");
    if (auto entity = args.option("entity")) {
        query.tables = {core::entitySpec(*entity).table};
    }
    auto store = openExistingStore(args.required("db"));
    for (const auto& message : sync::listMessages(*store, query)) {
        if (args.flag("json")) {
            std::cout << messageJson(message) << "\n";
        } else {
            printMessage(message);
        }
    }
    return 0;
}

int retryOutbox(const Words& words) {
    CliArgs args(words, {"db", "by"}, {"all-dead"});
    bool all = args.flag("all-dead");
    if (all == (args.positional().size() == 1) || args.positional().size() > 1) {
        throw UsageError("give one message id or --all-dead");
    }
    auto store = openExistingStore(args.required("db"));
    if (all) {
        std::size_t n = sync::retryDeadLetters(*store, actingPerson(args));
        std::cout << n << " dead letters queued again\n";
    } else {
        std::int64_t id = messageId(args.positional().front());
        sync::retryMessage(*store, id, actingPerson(args));
        std::cout << "outbox message " << id << " queued again\n";
    }
    return 0;
}

int dropOutbox(const Words& words) {
    CliArgs args(words, {"db", "by", "reason"}, {});
    if (args.positional().size() != 1) {
        throw UsageError("expected one outbox message id");
    }
    std::int64_t id = messageId(args.positional().front());
    std::string reason = args.option("reason").value_or("");
    if (reason.empty()) {
        throw UsageError("--reason is required: a dropped change is kept in the journal with it");
    }
    auto store = openExistingStore(args.required("db"));
    sync::dropMessage(*store, id, reason, actingPerson(args));
    std::cout << "outbox message " << id << " dropped\n";
    return 0;
}

}  // namespace

int runOutbox(const Words& words) {
    if (words.empty()) {
        throw UsageError("outbox needs list, retry or drop");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "list") {
        return listOutbox(rest);
    }
    if (words.front() == "retry") {
        return retryOutbox(rest);
    }
    if (words.front() == "drop") {
        return dropOutbox(rest);
    }
    throw UsageError("outbox " + words.front() + ": expected list, retry or drop");
}

}  // namespace crmsync::app
