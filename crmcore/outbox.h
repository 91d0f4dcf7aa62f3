#pragma once
// The outbox (schema migration 5): CRM changes bound for 1C, one message per consumer and
// record, fed in the writer's own transaction by the change log (change_log.h). A consumer is
// one way to 1C: "odata" (the OData push) or "sale" (the sale query of 1C's exchange with site).
// The engine (sync/) decides what a message means and when it is delivered; these ports only
// keep the messages.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

struct OutboxMessage {
    std::int64_t id = 0;
    std::string consumer;
    std::string table;  // the CRM table of the changed row
    std::int64_t row_id = 0;
    std::string op;      // insert, update, delete: what the changes add up to
    std::string fields;  // JSON array of the columns changed since the last delivery
    std::int64_t changes = 0;  // captured changes coalesced into this message
    std::int64_t last_seq = 0;  // the newest change in it: a delivery settles only that state
    std::string created_at;    // UTC "YYYY-MM-DDThh:mm:ss.mmmZ", as every time here
    std::string updated_at;
    std::string state;  // pending, dead
    int attempts = 0;   // failed deliveries so far
    std::string next_attempt_at;
    std::string last_error;
    std::string batch;  // the sale query that sent it last, until 1C acknowledges
};

// What the route lookup and listing return at most per call.
struct OutboxQuery {
    std::string consumer;            // "" = every consumer
    std::string state;               // pending, dead; "" = both
    std::vector<std::string> tables;  // "" = every table
    std::int64_t after_id = 0;
    std::size_t limit = 500;
    bool due_only = false;  // pending ones whose next attempt has come
    std::string batch;      // "" = any; else those the sale query `batch` sent
};

// Inside one transaction.
class Outbox {
public:
    virtual ~Outbox() = default;

    // Routes `table`'s changes to `consumer` from now on. The first time, it also queues a
    // message for every row of the table (so nothing changed before the route is missed) and
    // returns how many; afterwards 0.
    virtual std::size_t route(const std::string& consumer, const std::string& table) = 0;
    // crmsync itself changed, or kept, `columns` (JSON array) of a row that 1C should get: a
    // change-log entry of origin "crmsync", which becomes a message of every consumer routed
    // to the table. `actor` says who (a run, a person).
    virtual void enqueue(const std::string& table, std::int64_t row_id, const std::string& op,
                         const std::string& columns, const std::string& actor) = 0;
    virtual std::vector<OutboxMessage> list(const OutboxQuery& query) = 0;
    virtual std::optional<OutboxMessage> find(std::int64_t id) = 0;
    // The message was delivered as it stood at `last_seq`: deleted, unless a change came in
    // since (then it stays, due now). True when it was deleted.
    virtual bool settle(std::int64_t id, std::int64_t last_seq) = 0;
    // A delivery failed: one more attempt counted, `error` kept, the next one not before
    // `delay_seconds` from now on the database clock; `dead` makes it a dead letter.
    virtual void defer(std::int64_t id, const std::string& error, double delay_seconds,
                       bool dead) = 0;
    // The sale query `batch` sent it (kept until 1C acknowledges that batch).
    virtual void markSent(std::int64_t id, const std::string& batch) = 0;
    // A dead letter (or any message) tried again now, from zero attempts.
    virtual void revive(std::int64_t id) = 0;
    // Removed without delivery (a person decided so; the caller journals why).
    virtual void remove(std::int64_t id) = 0;
};

}  // namespace crmsync::core
