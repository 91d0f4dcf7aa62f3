#include "sync/three_way_merge.h"

#include <algorithm>

namespace crmsync::sync {

bool isBlank(const SlotValue& value) {
    if (!value) {
        return true;
    }
    std::string_view text = *value;
    if (text == "null" || text == "\"\"") {
        return true;
    }
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Verdict policyVerdict(mapping::ConflictPolicy policy, const SlotConflict& conflict,
                      const std::string& crm_at, const std::string& onec_at) {
    using mapping::ConflictPolicy;
    switch (policy) {
        case ConflictPolicy::OneCWins: return Verdict::TakeOneC;
        case ConflictPolicy::CrmWins: return Verdict::KeepCrm;
        case ConflictPolicy::Manual: return Verdict::Park;
        case ConflictPolicy::OneCWinsUnlessBlank:
            return isBlank(conflict.onec) ? Verdict::KeepCrm : Verdict::TakeOneC;
        case ConflictPolicy::CrmWinsUnlessBlank:
            return isBlank(conflict.crm) ? Verdict::TakeOneC : Verdict::KeepCrm;
        case ConflictPolicy::NewestWins:
            // ISO-8601 UTC text orders as time does; an unknown time is the older.
            return !crm_at.empty() && crm_at > onec_at ? Verdict::KeepCrm : Verdict::TakeOneC;
    }
    return Verdict::TakeOneC;
}

MergeResult mergeRecord(const std::vector<MergeSlot>& slots, const std::optional<core::Row>& base,
                        const core::Row& crm, const core::Row& onec, const ConflictJudge& judge) {
    MergeResult result;
    core::Row merged = crm;  // the CRM row as it will be
    result.snapshot = base.value_or(core::Row{});
    for (const auto& slot : slots) {
        if (slot.direction == mapping::Direction::ToOneC) {
            continue;  // the CRM's to send; 1C's record does not carry it
        }
        if (core::findColumn(onec, slot.column) == nullptr) {
            continue;
        }
        SlotValue theirs = slot.read(onec);
        SlotValue ours = slot.read(crm);
        if (theirs == ours) {
            slot.write(result.snapshot, theirs);  // converged (or never apart)
            continue;
        }
        std::optional<SlotValue> was;
        if (base) {
            was = slot.read(*base);
        }
        Verdict verdict = Verdict::TakeOneC;
        if (slot.direction == mapping::Direction::FromOneC) {
            verdict = Verdict::TakeOneC;
        } else if (was && *was == theirs) {
            verdict = Verdict::KeepCrm;  // only the CRM changed it
        } else if (was && *was == ours) {
            verdict = Verdict::TakeOneC;  // only 1C changed it
        } else {
            verdict = judge(SlotConflict{&slot, was, ours, theirs});
        }
        if (verdict == Verdict::TakeOneC) {
            slot.write(merged, theirs);
            slot.write(result.snapshot, theirs);
            result.took_onec = true;
        } else {
            result.kept_crm = true;  // the snapshot keeps the base: the CRM value is pending
        }
    }
    for (const auto& cv : merged) {
        const core::ColumnValue* stored = core::findColumn(crm, cv.column);
        std::optional<std::string> now = stored != nullptr ? stored->text : std::nullopt;
        if (now != cv.text) {
            result.before.push_back({cv.column, now});
            result.writes.push_back(cv);
        }
    }
    return result;
}

}  // namespace crmsync::sync
