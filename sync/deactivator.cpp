#include "sync/deactivator.h"

#include <vector>

#include "crmcore/entity_catalog.h"
#include "crmcore/logging.h"
#include "sync/merge_slots.h"
#include "sync/row_json.h"

namespace crmsync::sync {

namespace {

bool seenInPackage(const KeyHashSet& seen, const std::string& onec_key) {
    if (seen.contains(keyHash(onec_key))) {
        return true;
    }
    // A variant "product#characteristic" stays while its product is in the package.
    auto hash = onec_key.find('#');
    if (hash != std::string::npos && seen.contains(keyHash(onec_key.substr(0, hash)))) {
        return true;
    }
    // A tabular-section row "object|line" stays while the source declared its object's rows
    // present without reading them again (RecordSink::present with the object's key).
    auto bar = onec_key.rfind('|');
    return bar != std::string::npos && seen.contains(keyHash(onec_key.substr(0, bar)));
}

}  // namespace

std::int64_t deactivateMissing(core::CrmTransaction& tx, const CompletedPackage& package,
                               std::int64_t run_id, const std::string& mapping_version) {
    std::int64_t deactivated = 0;
    for (const auto& [entity, seen] : package.seen) {
        const core::EntitySpec* spec = core::findEntitySpec(entity);
        if (spec == nullptr) {
            continue;
        }
        // Usually none are missing: only those are kept in memory, not the whole catalog.
        std::vector<std::pair<std::string, std::int64_t>> missing;
        tx.bindings().visitActive(*spec, [&](const std::string& onec_key, std::int64_t crm_id) {
            if (!seenInPackage(seen, onec_key)) {
                missing.emplace_back(onec_key, crm_id);
            }
        });
        for (const auto& [onec_key, crm_id] : missing) {
            tx.rows().update(*spec, crm_id, {{"active", "0"}});
            if (auto binding = tx.bindings().find(entity, onec_key)) {
                // Cleared so that the key's return, even unchanged, is applied and reactivates.
                binding->content_hash.clear();
                // 1C's state now, so that the key's return is 1C's change and reactivates.
                if (auto snapshot = snapshotRow(*spec, binding->snapshot)) {
                    binding->snapshot =
                        rowToJson(overlay(*snapshot, {{"active", "0"}}), /*skip_nulls=*/true);
                }
                tx.bindings().save(*binding);
            }
            core::JournalEntry journal;
            journal.run_id = run_id;
            journal.entity = entity;
            journal.onec_key = onec_key;
            journal.crm_id = crm_id;
            journal.origin = "1c";
            journal.op = "deactivate";
            journal.before = R"({"active":"1"})";
            journal.after = R"({"active":"0"})";
            journal.mapping_version = mapping_version;
            journal.lineage = package.info.origin.file + ":" +
                              std::to_string(package.info.origin.line) +
                              " (full package without this key)";
            tx.journal().append(journal);
            ++deactivated;
        }
        core::logger("sync")->info("run={} entity={} full package from {}: {} deactivated so far",
                                   run_id, entity, package.info.origin.file, deactivated);
    }
    return deactivated;
}

}  // namespace crmsync::sync
