#pragma once
// core::Outbox over SOCI, inside one transaction. The messages are written by the trigger of
// schema migration 5; this only routes, reads and settles them.
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/outbox.h"

namespace crmsync::crmdb {

class SociOutbox final : public core::Outbox {
public:
    explicit SociOutbox(TransactionScope& scope) : scope_(scope) {}

    std::size_t route(const std::string& consumer, const std::string& table) override;
    void enqueue(const std::string& table, std::int64_t row_id, const std::string& op,
                 const std::string& columns, const std::string& actor) override;
    std::vector<core::OutboxMessage> list(const core::OutboxQuery& query) override;
    std::optional<core::OutboxMessage> find(std::int64_t id) override;
    bool settle(std::int64_t id, std::int64_t last_seq) override;
    void defer(std::int64_t id, const std::string& error, double delay_seconds,
               bool dead) override;
    void markSent(std::int64_t id, const std::string& batch) override;
    void revive(std::int64_t id) override;
    void remove(std::int64_t id) override;

private:
    // One statement without result rows, `what` naming it in an error.
    void change(const std::string& sql, std::string_view params, std::int64_t id,
                const std::string& what);

    TransactionScope& scope_;
};

}  // namespace crmsync::crmdb
