#include "sync/open_quarantine.h"

namespace crmsync::sync {

std::string OpenQuarantine::slot(const std::string& entity, const std::string& onec_key) {
    std::string s;
    s.reserve(entity.size() + onec_key.size() + 1);
    s += entity;
    s += '\n';
    s += onec_key;
    return s;
}

void OpenQuarantine::load(core::CrmStore& store) {
    keys_.clear();
    for (const auto& [entity, key] : store.openQuarantineKeys()) {
        keys_.insert(slot(entity, key));
    }
}

bool OpenQuarantine::contains(const std::string& entity, const std::string& onec_key) const {
    return !keys_.empty() && keys_.count(slot(entity, onec_key)) > 0;
}

void OpenQuarantine::resolveIfOpen(core::CrmTransaction& tx, const std::string& entity,
                                   const std::string& onec_key, std::int64_t run_id) {
    if (!contains(entity, onec_key)) {
        return;
    }
    tx.resolveQuarantine(entity, onec_key, run_id);
    // Kept in the set: should the batch roll back, the next attempt must resolve it again,
    // and resolving twice is harmless.
}

}  // namespace crmsync::sync
