#include "sync/outbox_delivery.h"

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "crmcore/record.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

std::string entityOf(const core::OutboxMessage& message) {
    const auto* spec = core::findEntitySpecByTable(message.table);
    return spec != nullptr ? spec->name : message.table;
}

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
    entry.entity = entityOf(m);
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
    auto binding = tx.bindings().findOfRow(entityOf(m), m.row_id);
    return binding ? binding->onec_key : std::string();
}

}  // namespace

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
    RunScope run(store.runs(), "outbox-retry", "outbox " + std::to_string(id) + " by " + by);
    auto tx = store.begin();
    auto message = requireMessage(*tx, id);
    tx->outbox().revive(id);
    core::JournalEntry entry = outboxJournal(run.id(), message, boundKey(*tx, message), "person",
                                             "outbox-retry");
    entry.after = "{\"by\":" + core::toJson(core::Value(by)) + "}";
    tx->journal().append(entry);
    tx->commit();
    run.counts().updated = 1;
    run.succeed();
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
    RunScope run(store.runs(), "outbox-drop", "outbox " + std::to_string(id) + " by " + by);
    auto tx = store.begin();
    auto message = requireMessage(*tx, id);
    tx->outbox().remove(id);
    core::JournalEntry entry = outboxJournal(run.id(), message, boundKey(*tx, message), "person",
                                             "outbox-drop");
    entry.after = "{\"by\":" + core::toJson(core::Value(by)) +
                  ",\"reason\":" + core::toJson(core::Value(reason)) + "}";
    tx->journal().append(entry);
    tx->commit();
    core::logger("sync")->warn("run={} entity={} crm_id={} outbox={} dropped by {}: {}",
                               run.id(), entry.entity, message.row_id, id, by, reason);
    run.counts().updated = 1;
    run.succeed();
}

std::vector<core::OutboxMessage> listMessages(core::CrmStore& store, core::OutboxQuery query) {
    std::vector<core::OutboxMessage> all;
    auto tx = store.begin();
    for (;;) {
        auto page = tx->outbox().list(query);
        all.insert(all.end(), page.begin(), page.end());
        if (page.size() < query.limit) {
            return all;
        }
        query.after_id = page.back().id;
    }
}

}  // namespace crmsync::sync
