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

    std::int64_t opened() const { return opened_; }

private:
    void journal(const std::string& op, const std::string& origin, const std::string& policy,
                 const std::string& field, const SlotValue& before, const SlotValue& after);

    core::CrmTransaction& tx_;
    ConflictScene scene_;
    std::int64_t opened_ = 0;
};

}  // namespace crmsync::sync
