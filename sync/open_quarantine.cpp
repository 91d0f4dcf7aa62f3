#include "sync/open_quarantine.h"

#include "sync/entity_key.h"

namespace crmsync::sync {

void OpenQuarantine::load(core::CrmStore& store) {
    keys_.clear();
    for (const auto& [entity, key] : store.quarantine().openKeys()) {
        keys_.insert(entityKey(entity, key));
    }
}

bool OpenQuarantine::contains(std::string_view entity, std::string_view onec_key) const {
    return !keys_.empty() && keys_.count(entityKey(entity, onec_key)) > 0;
}

void OpenQuarantine::resolveIfOpen(core::CrmTransaction& tx, const std::string& entity,
                                   const std::string& onec_key, std::int64_t run_id) {
    if (!contains(entity, onec_key)) {
        return;
    }
    tx.quarantine().resolve(entity, onec_key, run_id);
    // Kept in the set: should the batch roll back, the next attempt must resolve it again,
    // and resolving twice is harmless.
}

}  // namespace crmsync::sync
