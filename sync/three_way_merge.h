#pragma once
// The three-way merge of one record, field by field: base = what the binding's snapshot says
// both sides last held, crm = the CRM row now, onec = what 1C sends now.
//   one side changed          -> that side's value (1C's is written to the CRM row; the CRM's
//                                stays and reaches 1C at the next push or mode=query);
//   both changed, same value  -> converged;
//   both changed, different   -> a conflict, settled by the judge (the field's policy).
// A field mapped from-1c takes 1C's value whenever it differs; one mapped to-1c is never
// touched by 1C's data. The snapshot only advances to values both sides hold, so a CRM change
// not yet delivered is never taken for the base.
#include <functional>
#include <optional>
#include <vector>

#include "crmcore/entity_catalog.h"
#include "sync/merge_slots.h"

namespace crmsync::sync {

enum class Verdict {
    TakeOneC,  // 1C's value goes into the CRM row
    KeepCrm,   // the CRM keeps its value, which goes to 1C at the next exchange
    Park,      // each side keeps its own until a person decides (the push leaves it alone)
};

struct SlotConflict {
    const MergeSlot* slot = nullptr;
    std::optional<SlotValue> base;  // none: never synced (a row linked by the match rule)
    SlotValue crm;
    SlotValue onec;
};

using ConflictJudge = std::function<Verdict(const SlotConflict&)>;

struct MergeResult {
    core::Row writes;    // CRM columns to set (an attributes column whole, its other keys kept)
    core::Row before;    // their current values, for the journal
    core::Row snapshot;  // the binding's next snapshot
    bool took_onec = false;  // some field took 1C's value
    bool kept_crm = false;   // some field keeps a CRM value 1C does not have yet
};

// `base` is the snapshot row (none: never synced); `crm` the row as stored; `onec` the row
// 1C's record maps to. `judge` is asked once per conflicting field.
MergeResult mergeRecord(const std::vector<MergeSlot>& slots, const std::optional<core::Row>& base,
                        const core::Row& crm, const core::Row& onec, const ConflictJudge& judge);

// Whether a value counts as blank for the *-unless-blank policies: NULL, empty or only spaces
// (an attribute's JSON "" or null too).
bool isBlank(const SlotValue& value);

// The policy's verdict on a conflict, newest-wins given both sides' times (ISO-8601 text;
// "" = unknown, which loses).
Verdict policyVerdict(mapping::ConflictPolicy policy, const SlotConflict& conflict,
                      const std::string& crm_at, const std::string& onec_at);

}  // namespace crmsync::sync
