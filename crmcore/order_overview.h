#pragma once
// Orders as accounting staff look them up: header, counterparty, 1C number and status, and
// where each stands with 1C (the "state", see OrderState). Read-only, outside any transaction.
// Throws like the other readers (crmsync::ExternalUnavailable, crmsync::Error).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

// Where an order stands with 1C, the first that holds:
//   conflict - an open conflict on the order or one of its lines;
//   error    - a dead letter of it in the outbox, or an open quarantine entry of its 1C key;
//   waiting  - not yet known to 1C (no binding), a pending outbox message, or a state sent by
//              the sale exchange that 1C has not acknowledged yet;
//   in_1c    - otherwise: 1C holds what the CRM holds.
inline constexpr const char* kOrderStates[] = {"in_1c", "waiting", "error", "conflict"};

struct OrderSummary {
    std::int64_t id = 0;
    std::string crm_number;
    std::string onec_number;
    std::string onec_status;
    std::string date;  // ordered_at as stored, "" when none
    std::string counterparty;
    std::string inn;
    std::string total;  // exact decimal text, "" when none
    std::string state;
};

struct OrderLineSummary {
    std::int64_t id = 0;
    std::string product;  // the product's name, else the line's own name
    std::string quantity;
    std::string price;
    std::string sum;
};

struct OrderFilter {
    std::string text;   // "" = any; else a substring of number, 1C number, counterparty or ИНН
    std::string state;  // "" = any; else one of kOrderStates
    std::string from;   // "YYYY-MM-DD", ordered on or after; "" = open
    std::string to;     // "YYYY-MM-DD", ordered on or before; "" = open
    std::int64_t before_id = 0;  // paging: only ids below it (0 = from the newest)
    std::size_t limit = 50;
};

class OrderOverview {
public:
    virtual ~OrderOverview() = default;
    // Newest (highest id) first.
    virtual std::vector<OrderSummary> list(const OrderFilter& filter) = 0;
    virtual std::optional<OrderSummary> find(std::int64_t id) = 0;
    // By line number, then id.
    virtual std::vector<OrderLineSummary> lines(std::int64_t order_id) = 0;
};

}  // namespace crmsync::core
