#include "sync/conflict_resolution.h"

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "crmcore/record.h"
#include "sync/merge_slots.h"
#include "sync/row_json.h"
#include "sync/run_scope.h"

namespace crmsync::sync {

namespace {

// The conflict's field as a slot of its entity's row; a column an admin added is not in the
// catalog, and is text to the store.
MergeSlot slotOf(const core::Conflict& conflict, const core::EntitySpec*& spec) {
    spec = &core::entitySpec(conflict.entity);
    MergeSlot slot;
    slot.column = conflict.field;
    if (auto dot = conflict.field.find('.'); dot != std::string::npos) {
        slot.column = conflict.field.substr(0, dot);
        slot.attribute = conflict.field.substr(dot + 1);
    }
    if (spec->column(slot.column) == nullptr) {
        spec = &core::extendedEntitySpec(
            *spec, {core::ColumnSpec{slot.column, core::ColumnType::Text, ""}});
    }
    return slot;
}

}  // namespace

core::Conflict resolveConflict(core::CrmStore& store, std::int64_t id,
                               const Resolution& resolution) {
    auto found = store.conflicts().find(id);
    if (!found) {
        throw Error("no conflict " + std::to_string(id));
    }
    core::Conflict conflict = *found;
    const core::EntitySpec* spec = nullptr;
    MergeSlot slot = slotOf(conflict, spec);
    SlotValue chosen;
    switch (resolution.take) {
        case Resolution::Take::Crm: chosen = conflict.crm; break;
        case Resolution::Take::OneC: chosen = conflict.onec; break;
        case Resolution::Take::Value:
            // An attribute holds JSON: the typed text becomes a JSON string.
            chosen = slot.attribute.empty() ? resolution.value
                                            : core::toJson(core::Value(resolution.value));
            break;
    }

    RunScope run(store.runs(), "conflict-resolve", "conflict " + std::to_string(id));
    auto tx = store.begin();
    core::Row row = tx->rows().read(*spec, conflict.crm_id);
    SlotValue replaced = slot.read(row);
    core::Row changed = row;
    slot.write(changed, chosen);
    const core::ColumnValue* written = core::findColumn(changed, slot.column);
    if (replaced != chosen) {
        tx->rows().update(*spec, conflict.crm_id, {*written});
    }
    tx->conflicts().resolve(id, chosen, conflict.policy, resolution.by, resolution.comment);
    if (chosen != conflict.onec) {
        // 1C gets the chosen value from the outbox (its capture skips crmsync's own writes).
        tx->outbox().enqueue(spec->table, conflict.crm_id, "update",
                             "[" + core::toJson(core::Value(slot.column)) + "]",
                             "person " + resolution.by);
    }

    core::JournalEntry entry;
    entry.run_id = run.id();
    entry.entity = conflict.entity;
    entry.onec_key = conflict.onec_key;
    entry.crm_id = conflict.crm_id;
    entry.origin = "person";
    entry.op = "resolve";
    entry.before = rowToJson({{conflict.field, replaced}});
    entry.after = rowToJson({{conflict.field, chosen}});
    entry.policy = conflict.policy;
    entry.lineage = "conflict " + std::to_string(id) + " by " + resolution.by +
                    (resolution.comment.empty() ? "" : ": " + resolution.comment);
    tx->journal().append(entry);
    tx->commit();
    run.counts().updated = 1;
    run.succeed();
    core::logger("sync")->info("entity={} key={} field={} conflict {} resolved by {}",
                               conflict.entity, conflict.onec_key, conflict.field, id,
                               resolution.by);
    return *store.conflicts().find(id);
}

}  // namespace crmsync::sync
