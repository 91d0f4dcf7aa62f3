#pragma once
// The state of an order as 1C would see it in a sale exchange, as one digest: header, lines
// and counterparty. An order goes to 1C while this differs from what 1C acknowledged.
#include <string>

#include "crmcore/order_document.h"

namespace crmsync::sync {

// SHA-256 hex over every column of the order, its lines (in order) and its counterparty. Keys
// are left out: binding an order on its first delivery must not make it look changed.
std::string orderStateHash(const core::OrderDocumentData& order);

}  // namespace crmsync::sync
