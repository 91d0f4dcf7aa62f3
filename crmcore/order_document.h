#pragma once
// An order as the sale exchange sends it to 1C (mode=query): the CRM rows and the 1C keys
// they are known by.
#include <cstdint>
#include <string>
#include <vector>

#include "crmcore/entity_catalog.h"

namespace crmsync::core {

// A key is "" while the row was never exchanged with 1C.
struct OrderDocumentData {
    struct Line {
        std::int64_t id = 0;
        std::string onec_key;
        std::string product_key;  // 1C key of the product: product_key column, else its binding
        Row row;                  // every order_line column
    };
    std::int64_t order_id = 0;
    std::string onec_key;
    Row order;  // every sales_order column plus "active"
    std::int64_t counterparty_id = 0;  // 0 when the order has none
    std::string counterparty_key;
    Row counterparty;
    std::vector<Line> lines;   // by line_no, then id
    std::string acked_hash;    // state 1C acknowledged last; "" when never
    bool exchanged = false;    // the sale exchange has seen this order before
};

}  // namespace crmsync::core
