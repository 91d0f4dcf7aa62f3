#include "sync/outbox_delivery.h"

#include <functional>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "crmcore/record.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

std::string describe(const core::OutboxMessage& m) {
    return "{\"outbox_id\":" + std::to_string(m.id) + ",\"consumer\":" +
           core::toJson(core::Value(m.consumer)) + ",\"op\":" + core::toJson(core::Value(m.op)) +
           ",\"fields\":" + m.fields + ",\"attempts\":" + std::to_string(m.attempts) +
           ",\"last_error\":" + core::toJson(core::Value(m.last_error)) + "}";
}

core::JournalEntry outboxJournal(std::int64_t run_id, const core::OutboxMessage& m,
                                 const std::string& onec_key, const std::string& origin,
                                 const std::string& op) {
    core::JournalEntry entry;
    entry.run_id = run_id;
    entry.entity = messageEntity(m);
    entry.onec_key = onec_key;
    entry.crm_id = m.row_id;
    entry.origin = origin;
    entry.op = op;
    entry.before = describe(m);
    entry.after = "{}";
    entry.lineage = "outbox " + std::to_string(m.id) + " (" + m.consumer + ")";
    return entry;
}

core::OutboxMessage requireMessage(core::CrmTransaction& tx, std::int64_t id) {
    auto found = tx.outbox().find(id);
    if (!found) {
        throw Error("no outbox message " + std::to_string(id));
    }
    return *found;
}

std::string boundKey(core::CrmTransaction& tx, const core::OutboxMessage& m) {
    auto binding = tx.bindings().findOfRow(messageEntity(m), m.row_id);
    return binding ? binding->onec_key : std::string();
}

// A person's decision on message `id`: `act` changes the outbox, then a journal row (origin
// "person", `op` also the run's kind, `after` what was decided) in the same transaction.
void decide(core::CrmStore& store, std::int64_t id, const std::string& op, const std::string& by,
            const std::string& after, const std::function<void(core::Outbox&)>& act) {
    RunScope run(store.runs(), op, "outbox " + std::to_string(id) + " by " + by);
    auto tx = store.begin();
    auto message = requireMessage(*tx, id);
    act(tx->outbox());
    core::JournalEntry entry = outboxJournal(run.id(), message, boundKey(*tx, message), "person",
                                             op);
    entry.after = after;
    entry.actor = by;
    tx->journal().append(entry);
    tx->commit();
    core::logger("sync")->warn("run={} entity={} crm_id={} outbox={} {}: {}", run.id(),
                               entry.entity, message.row_id, id, op, after);
    run.counts().updated = 1;
    run.succeed();
}

}  // namespace

std::string messageEntity(const core::OutboxMessage& message) {
    const auto* spec = core::findEntitySpecByTable(message.table);
    return spec != nullptr ? spec->name : message.table;
}

void settleMessages(core::CrmTransaction& tx, const std::vector<core::OutboxMessage>& messages) {
    for (const auto& message : messages) {
        tx.outbox().settle(message.id, message.last_seq);
    }
}

std::optional<std::int64_t> sectionOwner(core::CrmTransaction& tx,
                                         const core::EntitySpec& section,
                                         const std::string& owner_column,
                                         const std::string& owner_entity, std::int64_t row_id) {
    if (auto row = tx.rows().tryRead(section, row_id)) {
        const core::ColumnValue* owner = core::findColumn(*row, owner_column);
        if (owner == nullptr || !owner->text) {
            return std::nullopt;
        }
        return std::stoll(*owner->text);
    }
    auto line = tx.bindings().findOfRow(section.name, row_id);
    if (!line) {
        return std::nullopt;
    }
    auto object = tx.bindings().find(owner_entity, line->onec_key.substr(0, line->onec_key.find('|')));
    if (!object) {
        return std::nullopt;
    }
    return object->crm_id;
}

bool deferDelivery(core::CrmTransaction& tx, const core::OutboxMessage& message,
                   const std::string& error, const DeliveryPolicy& policy, util::Backoff& backoff,
                   std::int64_t run_id, const MessageSubject& subject) {
    int attempts = message.attempts + 1;
    bool dead = attempts >= policy.max_attempts;
    auto delay = backoff.delayBefore(attempts + 1);
    tx.outbox().defer(message.id, error, std::chrono::duration<double>(delay).count(), dead);
    auto log = core::logger("sync");
    if (dead) {
        core::OutboxMessage now = message;
        now.attempts = attempts;
        now.last_error = error;
        core::JournalEntry entry = outboxJournal(run_id, now, subject.onec_key, "crm",
                                                 "dead-letter");
        entry.entity = subject.entity;
        tx.journal().append(entry);
        log->error("run={} entity={} crm_id={} outbox={} dead letter after {} attempts: {}",
                   run_id, subject.entity, message.row_id, message.id, attempts, error);
    } else {
        log->warn("run={} entity={} crm_id={} outbox={} attempt {} failed, next in {} s: {}",
                  run_id, subject.entity, message.row_id, message.id, attempts,
                  std::chrono::duration_cast<std::chrono::seconds>(delay).count(), error);
    }
    return dead;
}

void retryMessage(core::CrmStore& store, std::int64_t id, const std::string& by) {
    decide(store, id, "outbox-retry", by,
           "{\"by\":" + core::toJson(core::Value(by)) + "}",
           [id](core::Outbox& outbox) { outbox.revive(id); });
}

std::size_t retryDeadLetters(core::CrmStore& store, const std::string& by) {
    core::OutboxQuery query;
    query.state = "dead";
    std::size_t retried = 0;
    for (const auto& message : listMessages(store, query)) {
        retryMessage(store, message.id, by);
        ++retried;
    }
    return retried;
}

void dropMessage(core::CrmStore& store, std::int64_t id, const std::string& reason,
                 const std::string& by) {
    if (reason.empty()) {
        throw Error("dropping outbox message " + std::to_string(id) +
                    " needs a reason (it is kept in the journal)");
    }
    decide(store, id, "outbox-drop", by,
           "{\"by\":" + core::toJson(core::Value(by)) +
               ",\"reason\":" + core::toJson(core::Value(reason)) + "}",
           [id](core::Outbox& outbox) { outbox.remove(id); });
}

std::vector<core::OutboxMessage> listMessages(core::CrmStore& store, core::OutboxQuery query) {
    auto tx = store.begin();
    return allMessages(*tx, std::move(query));
}

std::vector<core::OutboxMessage> allMessages(core::CrmTransaction& tx, core::OutboxQuery query) {
    std::vector<core::OutboxMessage> all;
    for (;;) {
        auto page = tx.outbox().list(query);
        all.insert(all.end(), page.begin(), page.end());
        if (page.size() < query.limit) {
            return all;
        }
        query.after_id = page.back().id;
    }
}

}  // namespace crmsync::sync
