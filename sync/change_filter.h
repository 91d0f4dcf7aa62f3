#pragma once
// Pass one of an import: takes every record a source produces, drops those whose content hash
// equals the bound one (the way Bitrix's checksum option spares unchanged items), spools the
// rest, and remembers which keys each package contained for full-package deactivation.
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crmcore/crm_store.h"
#include "crmcore/record_codec.h"
#include "crmcore/record_sink.h"
#include "sync/key_hash_set.h"
#include "sync/open_quarantine.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

// A package that was read to its end, with the keys it held for each entity it is
// authoritative for. Keys are kept as 64-bit hashes so a 1M-item catalog costs megabytes.
struct CompletedPackage {
    core::PackageInfo info;
    std::vector<std::pair<std::string, KeyHashSet>> seen;  // per entity

    const KeyHashSet* seenKeys(const std::string& entity) const;
};

std::uint64_t keyHash(std::string_view key);

// What a binding remembers of the record it last applied: the record's content hash
// (core::contentHash) mixed with the version of the mapping that applied it, so that a new
// mapping applies every record again (once) while an unchanged record under an unchanged
// mapping is skipped.
std::string bindingHash(std::string_view content_hash, std::string_view mapping_version);

// A record as pass one keeps it: encoded once for the spool, with the hashes the filter
// compares. It needs neither the database nor the order of the calls, so readAhead() has the
// reading thread make it: the engine's thread then neither hashes, encodes nor frees records.
struct DigestedRecord {
    std::string encoded;         // core::encodeRecord(), as the spool stores it
    std::string binding_hash;    // bindingHash() under the filter's mapping version
    std::uint64_t key_hash = 0;  // keyHash() of the record's 1C key
};

DigestedRecord digestRecord(const core::Record& record, std::string_view mapping_version);

class ChangeFilter : public core::RecordSink {
public:
    // Records with an open quarantine entry always pass, even when their hash matches the
    // binding: re-sending the good version is how 1C fixes what it once sent wrong.
    ChangeFilter(core::CrmStore& store, RecordSpool& spool, std::size_t lookup_batch,
                 const OpenQuarantine& quarantined, std::string mapping_version);
    ~ChangeFilter() override;
    ChangeFilter(const ChangeFilter&) = delete;
    ChangeFilter& operator=(const ChangeFilter&) = delete;

    void beginPackage(const core::PackageInfo& package) override;
    void record(core::Record&& record) override;
    void present(const std::string& entity, const std::string& key) override;
    void endPackage(const core::PackageInfo& package) override;

    // Thread-safe: may run on another thread while the filter takes records.
    DigestedRecord digest(const core::Record& record) const {
        return digestRecord(record, mapping_version_);
    }
    // record() for a record that went through digest() already.
    void digested(DigestedRecord&& record);

    // Flushes what is still buffered; call once the source has been read without error.
    void finish();

    std::int64_t read() const { return read_; }
    // The entities of the records and present() calls taken, and of the records spooled (the
    // ones pass two will write).
    const std::vector<std::string>& entities() const { return entities_; }
    const std::vector<std::string>& spooledEntities() const { return spooled_entities_; }
    std::int64_t unchanged() const { return unchanged_; }
    const std::vector<CompletedPackage>& completedPackages() const { return completed_; }

private:
    // Sends the lookup of the pending records, first completing the oldest one in flight
    // when every lookup index is busy.
    void flush();
    // Waits for the oldest lookup in flight and spools (or counts unchanged) its records, in
    // order.
    void complete();
    void completeAll();

    struct EntityLookup {
        std::string entity;
        std::vector<std::string> keys;
        std::vector<std::pair<std::string, std::string>> found;  // key -> binding hash
        std::unordered_map<std::string_view, std::string_view> by_key;
    };
    struct LookupBatch {
        std::vector<DigestedRecord> records;
        std::vector<bool> first;
        std::vector<core::EncodedKey> ids;  // views into `records`
        std::vector<std::size_t> lookup_of;
        std::vector<EntityLookup> lookups;
    };

    core::CrmStore& store_;
    // One lookup in flight per index at most; they go out in turn (CrmStore::lookupIndexes).
    std::vector<core::BindingIndex*> indexes_;
    std::size_t next_index_ = 0;
    RecordSpool& spool_;
    std::size_t lookup_batch_;
    const OpenQuarantine& quarantined_;
    std::string mapping_version_;
    std::vector<DigestedRecord> pending_;
    // Per pending record: its key comes for the first time in this source, so a missing
    // binding means it can be inserted without a second lookup.
    std::vector<bool> pending_first_;
    // Entities of the packages this source completed: a key of theirs may come again.
    std::unordered_set<std::string> earlier_entities_;
    struct OpenEntity {
        std::string entity;
        KeyHashSet keys;
        bool in_earlier_package = false;  // looked up once, not per record
    };
    std::vector<OpenEntity> open_seen_;
    // Entities whose bindings were found empty when this source began: nothing to look up. A
    // filter runs before its source applies anything, so the answer holds for all of it.
    std::unordered_map<std::string, bool> unbound_;
    bool unbound(std::string_view entity);
    OpenEntity& openEntity(std::string_view entity);
    bool in_package_ = false;
    std::vector<CompletedPackage> completed_;
    std::vector<std::string> entities_;
    std::vector<std::string> spooled_entities_;
    std::int64_t read_ = 0;
    std::int64_t unchanged_ = 0;
    struct Flight {
        std::unique_ptr<LookupBatch> batch;
        std::future<void> lookup;
    };
    std::deque<Flight> in_flight_;  // oldest first; declared last: waited for first
};

}  // namespace crmsync::sync
