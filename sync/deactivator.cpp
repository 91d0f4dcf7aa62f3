#include "sync/deactivator.h"

#include "crmcore/entity_catalog.h"
#include "crmcore/logging.h"

namespace crmsync::sync {

std::int64_t deactivateMissing(core::CrmTransaction& tx, const CompletedPackage& package,
                               std::int64_t run_id, const std::string& mapping_version) {
    std::int64_t deactivated = 0;
    for (const auto& [entity, seen] : package.seen) {
        const core::EntitySpec* spec = core::findEntitySpec(entity);
        if (spec == nullptr) {
            continue;
        }
        for (auto& binding : tx.activeBindings(*spec)) {
            if (seen.count(keyHash(binding.onec_key)) != 0) {
                continue;
            }
            auto hash = binding.onec_key.find('#');
            if (hash != std::string::npos &&
                seen.count(keyHash(binding.onec_key.substr(0, hash))) != 0) {
                continue;
            }
            tx.updateRow(*spec, binding.crm_id, {{"active", "0"}});
            binding.content_hash.clear();
            tx.saveBinding(binding);
            core::JournalEntry journal;
            journal.run_id = run_id;
            journal.entity = entity;
            journal.onec_key = binding.onec_key;
            journal.crm_id = binding.crm_id;
            journal.origin = "1c";
            journal.op = "deactivate";
            journal.before = R"({"active":"1"})";
            journal.after = R"({"active":"0"})";
            journal.mapping_version = mapping_version;
            journal.lineage = package.info.origin.file + ":" +
                              std::to_string(package.info.origin.line) +
                              " (full package without this key)";
            tx.appendJournal(journal);
            ++deactivated;
        }
        core::logger("sync")->info("run={} entity={} full package from {}: {} deactivated so far",
                                   run_id, entity, package.info.origin.file, deactivated);
    }
    return deactivated;
}

}  // namespace crmsync::sync
