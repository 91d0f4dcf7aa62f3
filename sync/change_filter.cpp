#include "sync/change_filter.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "crmcore/record_codec.h"
#include "util/fnv1a.h"

namespace crmsync::sync {

std::uint64_t keyHash(std::string_view key) { return util::fnv1a(key); }

std::string bindingHash(std::string_view content_hash, std::string_view mapping_version) {
    return util::hex16(util::fnv1a(mapping_version, util::fnv1a(content_hash)));
}

namespace {

// A source has a handful of entities and its records come in runs of one entity, so a short
// list checked from its last entry costs next to nothing per record.
void note(std::vector<std::string>& entities, std::string_view entity) {
    if (!entities.empty() && entities.back() == entity) {
        return;
    }
    if (std::find(entities.begin(), entities.end(), entity) == entities.end()) {
        entities.emplace_back(entity);
    }
}

}  // namespace

const KeyHashSet* CompletedPackage::seenKeys(const std::string& entity) const {
    for (const auto& [name, keys] : seen) {
        if (name == entity) {
            return &keys;
        }
    }
    return nullptr;
}

ChangeFilter::ChangeFilter(core::CrmStore& store, RecordSpool& spool, std::size_t lookup_batch,
                           const OpenQuarantine& quarantined, std::string mapping_version)
    : store_(store), indexes_(store.lookupIndexes()), spool_(spool),
      lookup_batch_(std::max<std::size_t>(lookup_batch, 1)), quarantined_(quarantined),
      mapping_version_(std::move(mapping_version)) {}

void ChangeFilter::beginPackage(const core::PackageInfo&) {
    in_package_ = true;
    open_seen_.clear();
}

ChangeFilter::OpenEntity& ChangeFilter::openEntity(std::string_view entity) {
    auto it = std::find_if(open_seen_.begin(), open_seen_.end(),
                           [&](const auto& entry) { return entry.entity == entity; });
    if (it == open_seen_.end()) {
        std::string name(entity);
        bool earlier = earlier_entities_.count(name) != 0;
        open_seen_.push_back({std::move(name), KeyHashSet{}, earlier});
        it = std::prev(open_seen_.end());
    }
    return *it;
}

void ChangeFilter::present(const std::string& entity, const std::string& key) {
    note(entities_, entity);
    if (in_package_) {
        openEntity(entity).keys.insert(keyHash(key));
    }
}

DigestedRecord digestRecord(const core::Record& record, std::string_view mapping_version) {
    DigestedRecord digested;
    std::string content_hash = core::encodeRecordHashed(record, digested.encoded);
    digested.binding_hash = bindingHash(content_hash, mapping_version);
    digested.key_hash = keyHash(record.key);
    return digested;
}

void ChangeFilter::record(core::Record&& record) { digested(digest(record)); }

void ChangeFilter::digested(DigestedRecord&& record) {
    ++read_;
    std::string_view entity = core::encodedKey(record.encoded).entity;
    note(entities_, entity);
    bool first = false;
    if (in_package_) {
        OpenEntity& open = openEntity(entity);
        // A hash collision only costs the lookup the hint would have saved.
        first = open.keys.insert(record.key_hash) && !open.in_earlier_package;
    }
    pending_.push_back(std::move(record));
    pending_first_.push_back(first);
    if (pending_.size() >= lookup_batch_) {
        flush();
    }
}

void ChangeFilter::endPackage(const core::PackageInfo& package) {
    for (const auto& entry : open_seen_) {
        earlier_entities_.insert(entry.entity);
    }
    CompletedPackage completed{package, {}};
    if (!package.changes_only) {
        for (const auto& entity : package.entities) {
            for (auto& entry : open_seen_) {
                if (entry.entity == entity) {
                    completed.seen.emplace_back(entity, std::move(entry.keys));
                }
            }
            if (completed.seenKeys(entity) == nullptr) {
                completed.seen.emplace_back(entity, KeyHashSet{});
            }
        }
    }
    completed_.push_back(std::move(completed));
    open_seen_.clear();
    in_package_ = false;
}

void ChangeFilter::finish() {
    flush();
    completeAll();
}

void ChangeFilter::completeAll() {
    while (!in_flight_.empty()) {
        complete();
    }
}

bool ChangeFilter::unbound(std::string_view entity) {
    std::string name(entity);
    auto it = unbound_.find(name);
    if (it == unbound_.end()) {
        completeAll();  // the first index answers this from this thread: none may be busy
        it = unbound_.emplace(name, !store_.bindingIndex().any(name)).first;
    }
    return it->second;
}

void ChangeFilter::flush() {
    if (in_flight_.size() >= indexes_.size()) {
        complete();
    }
    if (pending_.empty()) {
        return;
    }
    auto batch = std::make_unique<LookupBatch>();
    batch->records.swap(pending_);
    batch->first.swap(pending_first_);
    // One lookup per entity in the batch (nearly always one); the stored hashes are found
    // through views into the lookup's own result, so the per-record work allocates nothing.
    batch->ids.resize(batch->records.size());
    batch->lookup_of.resize(batch->records.size());
    for (std::size_t i = 0; i < batch->records.size(); ++i) {
        batch->ids[i] = core::encodedKey(batch->records[i].encoded);
        std::size_t l = 0;
        while (l < batch->lookups.size() && batch->lookups[l].entity != batch->ids[i].entity) {
            ++l;
        }
        if (l == batch->lookups.size()) {
            batch->lookups.push_back({std::string(batch->ids[i].entity), {}, {}, {}});
        }
        batch->lookup_of[i] = l;
    }
    for (std::size_t l = 0; l < batch->lookups.size(); ++l) {
        EntityLookup& lookup = batch->lookups[l];
        if (unbound(lookup.entity)) {
            continue;
        }
        for (std::size_t i = 0; i < batch->records.size(); ++i) {
            if (batch->lookup_of[i] == l) {
                lookup.keys.emplace_back(batch->ids[i].key);
            }
        }
    }
    // The lookup goes out from a thread of its own while this one takes the next records
    // (on PostgreSQL the server answers meanwhile), on an index no other lookup in flight
    // uses; nothing else uses the store until complete() has every answer.
    LookupBatch* sent = batch.get();
    core::BindingIndex* index = indexes_[next_index_];
    next_index_ = (next_index_ + 1) % indexes_.size();
    std::future<void> lookup = std::async(std::launch::async, [sent, index] {
        for (EntityLookup& lookup : sent->lookups) {
            if (!lookup.keys.empty()) {
                lookup.found = index->hashes(lookup.entity, lookup.keys);
            }
        }
    });
    in_flight_.push_back({std::move(batch), std::move(lookup)});
}

void ChangeFilter::complete() {
    if (in_flight_.empty()) {
        return;
    }
    Flight flight = std::move(in_flight_.front());
    in_flight_.pop_front();
    std::unique_ptr<LookupBatch> batch = std::move(flight.batch);
    flight.lookup.get();  // a failed lookup fails the source here
    for (EntityLookup& lookup : batch->lookups) {
        lookup.by_key.reserve(lookup.found.size());
        for (const auto& [key, hash] : lookup.found) {
            lookup.by_key.emplace(key, hash);
        }
    }
    for (std::size_t i = 0; i < batch->records.size(); ++i) {
        const DigestedRecord& record = batch->records[i];
        const auto& ids = batch->ids;
        const auto& by_key = batch->lookups[batch->lookup_of[i]].by_key;
        auto it = by_key.find(ids[i].key);
        if (it != by_key.end() && !it->second.empty() && it->second == record.binding_hash &&
            !quarantined_.contains(ids[i].entity, ids[i].key)) {
            ++unchanged_;
            continue;
        }
        spool_.append(record.encoded, record.binding_hash, it == by_key.end() && batch->first[i]);
        note(spooled_entities_, ids[i].entity);
    }
}

ChangeFilter::~ChangeFilter() {
    for (Flight& flight : in_flight_) {
        if (flight.lookup.valid()) {
            flight.lookup.wait();  // its thread uses the store: it must end before the store may
        }
    }
}

}  // namespace crmsync::sync
