#pragma once
// What every way of delivering the outbox to 1C shares (the OData push, the sale query): the
// consumers' names, how a failed delivery waits and when it becomes a dead letter, and what a
// person may do with a message (replay it, drop it), each journaled.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"
#include "util/backoff.h"

namespace crmsync::sync {

inline constexpr const char* kOdataConsumer = "odata";
inline constexpr const char* kSaleConsumer = "sale";

struct DeliveryPolicy {
    // Failed deliveries of one message before it is a dead letter (daemon config, default 10).
    int max_attempts = 10;
    // Waits between them: 30 s doubling to at most an hour, with full jitter, so a record 1C
    // refuses costs a request now and then, not one per tick.
    util::RetryPolicy backoff{0, std::chrono::seconds(30), std::chrono::hours(1), 1.0};
};

// Where a message stands, for the journal and the log: the entity, and the 1C key if bound.
struct MessageSubject {
    std::string entity;
    std::string onec_key;
};

// The entity a message's table holds ("sales_order" -> order); the table when none does.
std::string messageEntity(const core::OutboxMessage& message);

// Inside `tx`: each message delivered as it stood when read (Outbox::settle).
void settleMessages(core::CrmTransaction& tx, const std::vector<core::OutboxMessage>& messages);

// The CRM id of the object a row of a tabular section belongs to (the order of a line): its
// `owner_column`, or, for a row deleted since, through its binding "<object key>|<position>".
// None: the row is gone and 1C never had it.
std::optional<std::int64_t> sectionOwner(core::CrmTransaction& tx,
                                         const core::EntitySpec& section,
                                         const std::string& owner_column,
                                         const std::string& owner_entity, std::int64_t row_id);

// Inside `tx`: `message` could not be delivered because of `error` (1C refused the record, the
// mapping cannot express it): it waits for its next attempt, or becomes a dead letter after
// policy.max_attempts, journaled as op "dead-letter" with the reason. Returns true if dead.
bool deferDelivery(core::CrmTransaction& tx, const core::OutboxMessage& message,
                   const std::string& error, const DeliveryPolicy& policy, util::Backoff& backoff,
                   std::int64_t run_id, const MessageSubject& subject);

// A person's decisions, each in a transaction of its own with a journal row (origin
// "person"). Throw crmsync::Error for an unknown id.
void retryMessage(core::CrmStore& store, std::int64_t id, const std::string& by);
// Every dead letter; returns how many.
std::size_t retryDeadLetters(core::CrmStore& store, const std::string& by);
void dropMessage(core::CrmStore& store, std::int64_t id, const std::string& reason,
                 const std::string& by);

// Every message of `query` (all pages of query.limit), oldest first: inside `tx`, or in a
// transaction of its own.
std::vector<core::OutboxMessage> allMessages(core::CrmTransaction& tx, core::OutboxQuery query);
std::vector<core::OutboxMessage> listMessages(core::CrmStore& store, core::OutboxQuery query);

}  // namespace crmsync::sync
