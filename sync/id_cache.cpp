#include "sync/id_cache.h"

namespace crmsync::sync {

namespace {

constexpr std::size_t kLimit = 50000;

}  // namespace

std::optional<std::int64_t> IdCache::find(std::string_view entity,
                                          std::string_view onec_key) const {
    for (const auto& [name, ids] : by_entity_) {
        if (name == entity) {
            if (auto it = ids.find(onec_key); it != ids.end()) {
                return it->second;
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void IdCache::remember(std::string_view entity, std::string_view onec_key,
                       std::int64_t crm_id) {
    if (size_ >= kLimit) {
        clear();
    }
    IdsByKey* ids = nullptr;
    for (auto& [name, known] : by_entity_) {
        if (name == entity) {
            ids = &known;
            break;
        }
    }
    if (ids == nullptr) {
        ids = &by_entity_.emplace_back(std::string(entity), IdsByKey{}).second;
    }
    if (ids->find(onec_key) == ids->end()) {
        ids->emplace(std::string(onec_key), crm_id);
        ++size_;
    }
}

void IdCache::clear() {
    for (auto& [name, ids] : by_entity_) {
        ids.clear();  // keeps the buckets for what comes next
    }
    size_ = 0;
}

}  // namespace crmsync::sync
