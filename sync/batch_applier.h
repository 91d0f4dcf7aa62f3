#pragma once
// Pass two of an import: applies spooled records through the mapping, one database transaction
// per batch. For each record: bind by 1C key, map, insert a new row or merge into the bound
// one field by field (three_way_merge.h: 1C's changes are taken, the CRM's own kept for the
// push, conflicts settled by policy or parked), refresh the binding (hash + snapshot) and write
// one journal row, plus one per conflict decision. A record that
// cannot be mapped goes to quarantine inside the same transaction; the batch goes on.
#include <cstdint>
#include <map>
#include <span>
#include <vector>
#include <string>

#include "crmcore/crm_store.h"
#include "crmcore/record.h"
#include "mapping/entity_mapping.h"
#include "mapping/forward_mapper.h"
#include "sync/batch_prefetch.h"
#include "sync/id_cache.h"
#include "sync/merge_slots.h"
#include "sync/open_quarantine.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

struct ApplyContext {
    std::int64_t run_id = 0;
    std::string origin = "1c";
    const mapping::Mapping* mapping = nullptr;
    OpenQuarantine* quarantined = nullptr;  // closed as their keys apply; may be null
};

struct ApplyCounts {
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t quarantined = 0;
    std::int64_t conflicts = 0;  // fields parked for a person
};

class BatchApplier : private mapping::ReferenceResolver {
public:
    explicit BatchApplier(ApplyContext context);

    // Applies one record inside `tx`. Throws only for database failures (the caller rolls the
    // batch back); bad data is quarantined and counted.
    void apply(core::CrmTransaction& tx, const SpooledRecord& spooled);
    // Before applying `batch` inside `tx`: fetches the bindings its records will ask for, per
    // entity in one call each (batch_prefetch.h).
    void prefetch(core::CrmTransaction& tx, std::span<const SpooledRecord> batch);
    // Quarantines the record inside `tx` with `why` (what a person reads), journaled.
    void quarantine(core::CrmTransaction& tx, const SpooledRecord& spooled, const std::string& why);

    std::int64_t runId() const { return context_.run_id; }

    const ApplyCounts& counts() const { return counts_; }

    // Ids learnt inside a batch die with it when the batch is rolled back, and so do the
    // counts of every batch not yet confirmed.
    void forgetUncommitted();
    // The batch was committed (batchCommitted), or handed off to be committed in the
    // background (batchSent) and that commit then confirmed (batchConfirmed).
    void batchCommitted();
    void batchSent();
    void batchConfirmed();

private:
    std::optional<std::int64_t> crmId(const std::string& entity,
                                      const std::string& onec_key) override;
    std::vector<std::int64_t> lookupIds(const core::EntitySpec& entity,
                                        const core::Row& match) override;
    const std::vector<MergeSlot>& slotsOf(const mapping::EntityMapping& rules);
    void applyToDeletedRow(core::CrmTransaction& tx, const mapping::EntityMapping& rules,
                           const core::Record& record, const core::Row& row,
                           core::Binding binding, const std::string& hash,
                           core::JournalEntry journal);

    ApplyContext context_;
    ApplyCounts counts_;
    ApplyCounts committed_counts_;
    ApplyCounts sent_counts_;
    core::CrmTransaction* tx_ = nullptr;
    IdCache id_cache_;
    PrefetchedBindings prefetched_;
    std::map<const mapping::EntityMapping*, std::vector<MergeSlot>> slots_;
};

}  // namespace crmsync::sync
