#include "sync/batch_prefetch.h"

#include <algorithm>
#include <map>

#include "mapping/forward_mapper.h"

namespace crmsync::sync {

namespace {

bool refersToOthers(const mapping::EntityMapping& rules) {
    for (const auto& rule : rules.fields) {
        if (!rule.reference_entity.empty() && rule.direction != mapping::Direction::ToOneC) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string PrefetchedBindings::keyOf(const std::string& entity, const std::string& onec_key) {
    std::string key;
    key.reserve(entity.size() + 1 + onec_key.size());
    key.append(entity).push_back('\x1f');
    key.append(onec_key);
    return key;
}

void PrefetchedBindings::put(core::Binding binding) {
    std::string key = keyOf(binding.entity, binding.onec_key);
    bindings_.insert_or_assign(std::move(key), std::move(binding));
}

std::optional<core::Binding> PrefetchedBindings::take(const std::string& entity,
                                                      const std::string& onec_key) {
    auto found = bindings_.find(keyOf(entity, onec_key));
    if (found == bindings_.end()) {
        return std::nullopt;
    }
    core::Binding binding = std::move(found->second);
    bindings_.erase(found);
    return binding;
}

void prefetchBatch(core::CrmTransaction& tx, const mapping::Mapping& mapping,
                   std::span<const SpooledRecord> batch, IdCache& ids,
                   PrefetchedBindings& own) {
    // The keys referred to that the cache cannot answer. Lookups (<lookup>) are left to the
    // real mapping.
    std::map<std::string, std::vector<std::string>> wanted;
    auto want = [&](const std::string& entity, const std::string& key) {
        if (!ids.find(entity, key)) {
            wanted[entity].push_back(key);
        }
    };
    std::map<std::string, std::vector<std::string>> own_keys;
    std::map<const mapping::EntityMapping*, bool> refers;
    for (const auto& spooled : batch) {
        const core::Record& record = spooled.record;
        if (!spooled.new_key) {
            own_keys[record.entity].push_back(record.key);
        }
        const mapping::EntityMapping* rules = mapping.find(record.entity);
        if (rules == nullptr) {
            continue;
        }
        auto known = refers.find(rules);
        if (known == refers.end()) {
            known = refers.emplace(rules, refersToOthers(*rules)).first;
        }
        if (known->second) {
            mapping::forEachReference(*rules, record, want);
        }
    }
    auto distinct = [](std::vector<std::string>& keys) {
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    };
    for (auto& [entity, keys] : wanted) {
        distinct(keys);
        for (const auto& binding : tx.bindings().findMany(entity, keys)) {
            ids.remember(binding.entity, binding.onec_key, binding.crm_id);
        }
    }
    for (auto& [entity, keys] : own_keys) {
        distinct(keys);
        for (auto& binding : tx.bindings().findMany(entity, keys)) {
            own.put(std::move(binding));
        }
    }
}

}  // namespace crmsync::sync
