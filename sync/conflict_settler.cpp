#include "sync/conflict_settler.h"

#include "crmcore/logging.h"
#include "sync/row_json.h"
#include "util/utc_time.h"

namespace crmsync::sync {

namespace {

std::string winnerOrigin(Verdict verdict, const std::string& origin) {
    switch (verdict) {
        case Verdict::TakeOneC: return "1c";
        case Verdict::KeepCrm: return "crm";
        case Verdict::Park: return origin;
    }
    return origin;
}

}  // namespace

void ConflictSettler::journal(const std::string& op, const std::string& origin,
                              const std::string& policy, const std::string& field,
                              const SlotValue& before, const SlotValue& after) {
    core::JournalEntry entry;
    entry.run_id = scene_.run_id;
    entry.entity = scene_.entity;
    entry.onec_key = scene_.onec_key;
    entry.crm_id = scene_.crm_id;
    entry.origin = origin;
    entry.op = op;
    entry.before = rowToJson({{field, before}});
    entry.after = rowToJson({{field, after}});
    entry.policy = policy;
    entry.mapping_version = scene_.mapping_version;
    entry.lineage = scene_.lineage;
    tx_.journal().append(entry);
}

Verdict ConflictSettler::settle(const SlotConflict& conflict) {
    const MergeSlot& slot = *conflict.slot;
    const std::string field = slot.name();
    auto latest = tx_.conflicts().latest(scene_.entity, scene_.crm_id, field);
    if (latest && latest->status == "resolved" && latest->onec == conflict.onec &&
        latest->resolution == conflict.crm) {
        // Decided for the CRM's value before (by a policy or a person); it is on its way to 1C.
        return Verdict::KeepCrm;
    }
    std::string crm_at = tx_.changes().lastEdit(scene_.table, scene_.crm_id, slot.column)
                             .value_or("");
    std::string onec_at = oneCTime(latest, conflict.onec);
    Verdict verdict = policyVerdict(slot.policy, conflict, crm_at, onec_at);
    return record(draft(field, conflict, crm_at, onec_at, slot.policy), verdict, latest);
}

core::Conflict ConflictSettler::draft(const std::string& field, const SlotConflict& values,
                                      const std::string& crm_at, const std::string& onec_at,
                                      mapping::ConflictPolicy policy) const {
    core::Conflict row;
    row.entity = scene_.entity;
    row.crm_id = scene_.crm_id;
    row.onec_key = scene_.onec_key;
    row.field = field;
    if (values.base) {
        row.base = *values.base;
    }
    row.crm = values.crm;
    row.onec = values.onec;
    row.crm_at = crm_at;
    row.crm_origin = "crm";
    row.onec_at = onec_at;
    row.onec_origin = scene_.origin;
    row.lineage = scene_.lineage;
    row.run_id = scene_.run_id;
    row.policy = mapping::conflictPolicyName(policy);
    return row;
}

std::string ConflictSettler::oneCTime(const std::optional<core::Conflict>& latest,
                                      const std::optional<std::string>& onec) const {
    if (!scene_.onec_modified_at.empty()) {
        return scene_.onec_modified_at;
    }
    // When crmsync first saw this 1C value: an earlier conflict may have met it already.
    return latest && latest->onec == onec && !latest->onec_at.empty()
               ? latest->onec_at
               : util::utcIsoMillis(std::chrono::system_clock::now());
}

Verdict ConflictSettler::settleDeletion(mapping::ConflictPolicy policy, const std::string& base,
                                        const std::string& onec) {
    const std::string field = core::kWholeRowField;
    auto latest = tx_.conflicts().latest(scene_.entity, scene_.crm_id, field);
    if (latest && latest->status == "resolved" && latest->onec == onec &&
        !latest->resolution) {
        // The delete was chosen over this very 1C version before; its mark is on its way.
        return Verdict::KeepCrm;
    }
    SlotConflict conflict;
    conflict.base = base;
    conflict.crm = std::nullopt;  // the row is gone
    conflict.onec = onec;
    // The delete's time, from the change log (its last captured change).
    std::string crm_at = tx_.changes().lastEdit(scene_.table, scene_.crm_id, "").value_or("");
    std::string onec_at = oneCTime(latest, conflict.onec);
    // "Unless blank" reads a deleted row as blank: the other side's record wins.
    Verdict verdict = policyVerdict(policy, conflict, crm_at, onec_at);

    return record(draft(field, conflict, crm_at, onec_at, policy), verdict, latest);
}

Verdict ConflictSettler::record(core::Conflict row, Verdict verdict,
                                const std::optional<core::Conflict>& latest) {
    auto& queue = tx_.conflicts();
    auto log = core::logger("sync");
    const std::string field = row.field;
    const std::string policy = row.policy;
    // Copies: `row` is handed to the queue below.
    const SlotValue crm = row.crm;
    const SlotValue onec = row.onec;

    bool open = latest && latest->status == "open";
    if (verdict == Verdict::Park) {
        if (open) {
            if (latest->crm != crm || latest->onec != onec) {
                row.id = latest->id;
                queue.update(row);
                journal("conflict", scene_.origin, policy, field, crm, onec);
                log->info("run={} entity={} key={} field={} conflict {} updated", scene_.run_id,
                          scene_.entity, scene_.onec_key, field, latest->id);
            }
            return verdict;
        }
        row.status = "open";
        std::int64_t id = queue.add(row);
        ++opened_;
        journal("conflict", scene_.origin, policy, field, crm, onec);
        log->warn("run={} entity={} key={} field={} conflict {} waits for a person",
                  scene_.run_id, scene_.entity, scene_.onec_key, field, id);
        return verdict;
    }
    const SlotValue& winner = verdict == Verdict::TakeOneC ? onec : crm;
    const SlotValue& loser = verdict == Verdict::TakeOneC ? crm : onec;
    if (open) {
        // The field's policy is no longer manual: it settles the waiting conflict.
        row.id = latest->id;
        queue.update(row);
        queue.resolve(latest->id, winner, policy, "policy", "");
    } else {
        row.status = "resolved";
        row.resolution = winner;
        row.resolved_by = "policy";
        queue.add(row);
    }
    journal("resolve", winnerOrigin(verdict, scene_.origin), policy, field, loser, winner);
    log->info("run={} entity={} key={} field={} conflict settled by {}: {} wins", scene_.run_id,
              scene_.entity, scene_.onec_key, field, policy,
              verdict == Verdict::TakeOneC ? "1C" : "CRM");
    return verdict;
}

}  // namespace crmsync::sync
