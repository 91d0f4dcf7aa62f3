#include "sync/conflict_resolution.h"

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "crmcore/record.h"
#include "sync/deleted_row.h"
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

// The journal row of a person's decision.
core::JournalEntry personJournal(const core::Conflict& conflict, std::int64_t run_id,
                                 std::int64_t crm_id, const SlotValue& before,
                                 const SlotValue& after, const Resolution& resolution) {
    core::JournalEntry entry;
    entry.run_id = run_id;
    entry.entity = conflict.entity;
    entry.onec_key = conflict.onec_key;
    entry.crm_id = crm_id;
    entry.origin = "person";
    entry.op = "resolve";
    entry.before = rowToJson({{conflict.field, before}});
    entry.after = rowToJson({{conflict.field, after}});
    entry.policy = conflict.policy;
    entry.lineage = "conflict " + std::to_string(conflict.id) + " by " + resolution.by +
                    (resolution.comment.empty() ? "" : ": " + resolution.comment);
    entry.actor = resolution.by;
    return entry;
}

// A delete against 1C's update (core::kWholeRowField). Taking 1C brings the row back from the
// values 1C sent; taking the CRM keeps the delete, whose message, held while the conflict was
// open, marks the object at the next push. A typed value means nothing for a whole row.
core::Conflict resolveDeletion(core::CrmStore& store, const core::Conflict& conflict,
                               const Resolution& resolution) {
    if (resolution.take == Resolution::Take::Value) {
        throw Error("conflict " + std::to_string(conflict.id) +
                    " is a CRM delete against a 1C update: take crm (the delete) or take "
                    "onec (the row comes back), not a value");
    }
    const core::EntitySpec& spec = core::entitySpec(conflict.entity);
    RunScope run(store.runs(), "conflict-resolve", "conflict " + std::to_string(conflict.id));
    auto tx = store.begin();
    std::int64_t crm_id = conflict.crm_id;
    SlotValue chosen;  // none: the delete stands
    if (resolution.take == Resolution::Take::OneC) {
        auto binding = tx->bindings().find(conflict.entity, conflict.onec_key);
        auto values = snapshotRow(spec, conflict.onec.value_or("{}"));
        if (!binding || !values) {
            throw Error("conflict " + std::to_string(conflict.id) + ": " + conflict.entity +
                        " " + conflict.onec_key + " is no longer bound to a deleted row");
        }
        if (binding->crm_id == conflict.crm_id &&
            !tx->rows().tryRead(spec, conflict.crm_id)) {
            crm_id = recreateDeletedRow(*tx, spec, *binding, *values);
            if (conflict.status != "open") {
                // Reversing a policy that kept the delete: its deletion mark may be in 1C
                // already. Taking the base as inactive makes the push clear the mark.
                binding->crm_id = crm_id;
                binding->snapshot = rowToJson(overlay(*values, {{"active", "0"}}), true);
                tx->bindings().save(*binding);
                tx->outbox().enqueue(spec.table, crm_id, "update", R"(["active"])",
                                     "person " + resolution.by);
            }
        }
        chosen = conflict.onec;
    }
    tx->conflicts().resolve(conflict.id, chosen, conflict.policy, resolution.by,
                            resolution.comment);
    SlotValue replaced = resolution.take == Resolution::Take::OneC ? SlotValue() : conflict.onec;
    tx->journal().append(
        personJournal(conflict, run.id(), crm_id, replaced, chosen, resolution));
    tx->commit();
    run.counts().updated = 1;
    run.succeed();
    core::logger("sync")->info("entity={} key={} conflict {} (a CRM delete against a 1C "
                               "update) resolved by {}: {}",
                               conflict.entity, conflict.onec_key, conflict.id, resolution.by,
                               chosen ? "the row is back" : "the delete stands");
    return *store.conflicts().find(conflict.id);
}

}  // namespace

core::Conflict resolveConflict(core::CrmStore& store, std::int64_t id,
                               const Resolution& resolution) {
    auto found = store.conflicts().find(id);
    if (!found) {
        throw Error("no conflict " + std::to_string(id));
    }
    core::Conflict conflict = *found;
    if (conflict.field == core::kWholeRowField) {
        return resolveDeletion(store, conflict, resolution);
    }
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

    tx->journal().append(personJournal(conflict, run.id(), conflict.crm_id, replaced, chosen,
                                       resolution));
    tx->commit();
    run.counts().updated = 1;
    run.succeed();
    core::logger("sync")->info("entity={} key={} field={} conflict {} resolved by {}",
                               conflict.entity, conflict.onec_key, conflict.field, id,
                               resolution.by);
    return *store.conflicts().find(id);
}

}  // namespace crmsync::sync
