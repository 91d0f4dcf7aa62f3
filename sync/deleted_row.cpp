#include "sync/deleted_row.h"

#include "sync/row_json.h"
#include "sync/three_way_merge.h"

namespace crmsync::sync {

bool oneCChangedDeletedRow(const std::vector<MergeSlot>& slots, const core::Row& onec,
                           const std::optional<core::Row>& base) {
    if (!base) {
        return false;
    }
    if (const auto* active = core::findColumn(onec, "active"); active && active->text == "0") {
        return false;
    }
    // The deleted row stands in as the base itself: every difference left is 1C's, and none
    // can be a conflict, so the judge is never asked.
    MergeResult changed = mergeRecord(slots, base, *base, onec,
                                      [](const SlotConflict&) { return Verdict::TakeOneC; });
    return !changed.writes.empty();
}

std::int64_t recreateDeletedRow(core::CrmTransaction& tx, const core::EntitySpec& spec,
                                core::Binding binding, const core::Row& values) {
    std::int64_t id = tx.rows().insert(spec, values);
    binding.crm_id = id;
    binding.snapshot = rowToJson(values, /*skip_nulls=*/true);
    tx.bindings().save(binding);
    return id;
}

}  // namespace crmsync::sync
