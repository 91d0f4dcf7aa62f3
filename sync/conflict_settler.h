#pragma once
// Settles the conflicts the three-way merge meets in one record, inside the batch's
// transaction: asks the field's policy, records every decision in the conflict queue (open for
// a manual field, resolved naming the policy otherwise) and in the journal, and remembers what
// was decided, so that the same disagreement met again (1C re-sends the record before the CRM
// value reached it) is neither decided twice nor queued twice.
#include <cstdint>
#include <string>

#include "crmcore/crm_store.h"
#include "sync/three_way_merge.h"

namespace crmsync::sync {

struct ConflictScene {
    std::int64_t run_id = 0;
    std::string origin;  // the side the data came from: "1c" for every path of 1C's data
    std::string mapping_version;
    std::string lineage;
    std::string entity;
    std::string table;
    std::int64_t crm_id = 0;
    std::string onec_key;
    std::string onec_modified_at;  // the record's mapped modification time, "" when none
};

class ConflictSettler {
public:
    ConflictSettler(core::CrmTransaction& tx, ConflictScene scene)
        : tx_(tx), scene_(std::move(scene)) {}

    Verdict settle(const SlotConflict& conflict);

    // The CRM row was deleted while 1C updated the object (deleted_row.h): one conflict of the
    // whole row (core::kWholeRowField), settled by the entity's policy like a field's — TakeOneC
    // re-creates the row, KeepCrm keeps the delete, Park waits for a person. `base` and `onec`
    // are the snapshot and 1C's mapped row as JSON.
    Verdict settleDeletion(mapping::ConflictPolicy policy, const std::string& base,
                           const std::string& onec);

    std::int64_t opened() const { return opened_; }

private:
    // When 1C's value was made: its record's time, else when crmsync first met it.
    std::string oneCTime(const std::optional<core::Conflict>& latest,
                         const std::optional<std::string>& onec) const;
    core::Conflict draft(const std::string& field, const SlotConflict& values,
                         const std::string& crm_at, const std::string& onec_at,
                         mapping::ConflictPolicy policy) const;
    // Records a policy's decision (or a parked conflict) in the queue and the journal.
    Verdict record(core::Conflict row, Verdict verdict,
                   const std::optional<core::Conflict>& latest);
    void journal(const std::string& op, const std::string& origin, const std::string& policy,
                 const std::string& field, const SlotValue& before, const SlotValue& after);

    core::CrmTransaction& tx_;
    ConflictScene scene_;
    std::int64_t opened_ = 0;
};

}  // namespace crmsync::sync
