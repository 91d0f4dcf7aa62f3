#include "sync/change_filter.h"

#include <algorithm>
#include <unordered_map>

#include "crmcore/record_codec.h"
#include "sync/entity_key.h"

namespace crmsync::sync {

std::uint64_t keyHash(const std::string& key) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : key) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string bindingHash(const core::Record& record, std::string_view mapping_version) {
    std::string content = core::contentHash(record);
    std::uint64_t hash = keyHash(content);
    for (unsigned char c : mapping_version) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    static const char* digits = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) {
        hex[static_cast<std::size_t>(i)] = digits[hash & 0xf];
    }
    return hex;
}

const std::unordered_set<std::uint64_t>* CompletedPackage::seenKeys(
    const std::string& entity) const {
    for (const auto& [name, keys] : seen) {
        if (name == entity) {
            return &keys;
        }
    }
    return nullptr;
}

ChangeFilter::ChangeFilter(core::CrmStore& store, RecordSpool& spool, std::size_t lookup_batch,
                           const OpenQuarantine& quarantined, std::string mapping_version)
    : store_(store),
      spool_(spool),
      lookup_batch_(std::max<std::size_t>(lookup_batch, 1)),
      quarantined_(quarantined),
      mapping_version_(std::move(mapping_version)) {}

void ChangeFilter::beginPackage(const core::PackageInfo&) {
    in_package_ = true;
    open_seen_.clear();
}

std::unordered_set<std::uint64_t>& ChangeFilter::seenIn(const std::string& entity) {
    auto it = std::find_if(open_seen_.begin(), open_seen_.end(),
                           [&](const auto& entry) { return entry.first == entity; });
    if (it == open_seen_.end()) {
        open_seen_.emplace_back(entity, std::unordered_set<std::uint64_t>{});
        it = std::prev(open_seen_.end());
    }
    return it->second;
}

void ChangeFilter::present(const std::string& entity, const std::string& key) {
    if (in_package_) {
        seenIn(entity).insert(keyHash(key));
    }
}

void ChangeFilter::record(core::Record&& record) {
    ++read_;
    bool first = false;
    if (in_package_) {
        // A hash collision only costs the lookup the hint would have saved.
        first = seenIn(record.entity).insert(keyHash(record.key)).second &&
                earlier_entities_.count(record.entity) == 0;
    }
    pending_.push_back(std::move(record));
    pending_first_.push_back(first);
    if (pending_.size() >= lookup_batch_) {
        flush();
    }
}

void ChangeFilter::endPackage(const core::PackageInfo& package) {
    for (const auto& entry : open_seen_) {
        earlier_entities_.insert(entry.first);
    }
    CompletedPackage completed{package, {}};
    if (!package.changes_only) {
        for (const auto& entity : package.entities) {
            for (auto& entry : open_seen_) {
                if (entry.first == entity) {
                    completed.seen.emplace_back(entity, std::move(entry.second));
                }
            }
            if (completed.seenKeys(entity) == nullptr) {
                completed.seen.emplace_back(entity, std::unordered_set<std::uint64_t>{});
            }
        }
    }
    completed_.push_back(std::move(completed));
    open_seen_.clear();
    in_package_ = false;
}

void ChangeFilter::finish() { flush(); }

void ChangeFilter::flush() {
    if (pending_.empty()) {
        return;
    }
    std::unordered_map<std::string, std::vector<std::string>> keys_by_entity;
    for (const auto& record : pending_) {
        keys_by_entity[record.entity].push_back(record.key);
    }
    std::unordered_map<std::string, std::string> stored;  // entityKey -> binding hash
    for (auto& [entity, keys] : keys_by_entity) {
        for (auto& [key, hash] : store_.bindingHashes(entity, keys)) {
            stored.emplace(entityKey(entity, key), std::move(hash));
        }
    }
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const core::Record& record = pending_[i];
        std::string hash = bindingHash(record, mapping_version_);
        auto it = stored.find(entityKey(record.entity, record.key));
        if (it != stored.end() && !it->second.empty() && it->second == hash &&
            !quarantined_.contains(record.entity, record.key)) {
            ++unchanged_;
            continue;
        }
        spool_.append(record, hash, it == stored.end() && pending_first_[i]);
    }
    pending_.clear();
    pending_first_.clear();
}

}  // namespace crmsync::sync
