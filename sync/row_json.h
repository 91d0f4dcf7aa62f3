#pragma once
// Rows as the JSON the journal and the binding snapshots hold, and the field-level difference
// between what is stored and what arrives.
#include <string>

#include "crmcore/entity_catalog.h"

namespace crmsync::sync {

// {"column": "text" | null, ...} in row order.
std::string rowToJson(const core::Row& row, bool skip_nulls = false);

struct RowChange {
    core::Row before;   // stored values of the changed columns
    core::Row changed;  // incoming values of the changed columns
};

// Columns of `incoming` whose value differs from `current` (absent in current counts as NULL).
RowChange diffRows(const core::Row& current, const core::Row& incoming);

// `current` with the columns of `incoming` written over it.
core::Row overlay(core::Row current, const core::Row& incoming);

}  // namespace crmsync::sync
