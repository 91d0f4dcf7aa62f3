#pragma once
// A bound CRM row deleted (by plain SQL) while 1C changed its object: the delete and the update
// disagree about the whole row. These are the two ways out, shared by the policy that decides
// during an exchange (batch_applier) and by a person who decides later (conflict_resolution).
#include <cstdint>
#include <optional>

#include "crmcore/binding.h"
#include "crmcore/crm_store.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "sync/merge_slots.h"

namespace crmsync::sync {

// 1C's values of a deleted row differ from what both sides last held (the binding's snapshot)
// in a field 1C fills (compared slot by slot, as the merge does): 1C updated the object after
// the CRM last saw it. `onec` is the row 1C's record maps to. A record that carries 1C's own
// deletion mark is no update: both sides deleted it. No base: nothing is known, no update.
bool oneCChangedDeletedRow(const std::vector<MergeSlot>& slots, const core::Row& onec,
                           const std::optional<core::Row>& base);

// Inserts `values` as a new CRM row (the old id is gone for good) and points `binding` at it,
// its snapshot the values both sides now hold; returns the new id. Inside `tx`; journals
// nothing (the caller says why the row came back).
std::int64_t recreateDeletedRow(core::CrmTransaction& tx, const core::EntitySpec& spec,
                                core::Binding binding, const core::Row& values);

}  // namespace crmsync::sync
