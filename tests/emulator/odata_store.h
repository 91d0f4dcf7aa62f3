#pragma once
// The emulated infobase: entity sets of JSON objects with 1C's standard properties. Every write
// sets a new DataVersion, as 1C does, so incremental scans can be tested. Thread-safe: the
// server's handler threads and the test share one store.
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "tests/emulator/odata_filter.h"

namespace crmsync::emulator {

struct StoreQuery {
    // "SliceLast()" reads a register's latest record per dimension values instead of its records.
    std::string virtual_table;
    EntityPredicate filter;  // empty = all
    // The $filter and $orderby text the predicate and order were read from: a client paging
    // with $skip repeats them, and the store reuses the sorted matches while nothing changed.
    std::string text;
    std::vector<SortKey> order;
    std::size_t skip = 0;
    std::optional<std::size_t> top;
};

class OdataStore {
public:
    // Makes `entity_set` (e.g. "Catalog_Номенклатура") exist, empty; requests to a set never
    // declared get 1C's "not found".
    void declare(const std::string& entity_set);
    bool has(const std::string& entity_set) const;

    // Stores a copy of `entity`, filling Ref_Key (a new GUID unless given), DataVersion and
    // DeletionMark (false unless given); returns the stored entity.
    Poco::JSON::Object::Ptr insert(const std::string& entity_set, const Poco::JSON::Object& entity);

    // The stored entity (a copy), or nullptr.
    Poco::JSON::Object::Ptr find(const std::string& entity_set, const std::string& ref_key) const;

    // Sets the given properties (Ref_Key and DataVersion are not writable); returns the entity
    // after the change, or nullptr when there is no such entity.
    Poco::JSON::Object::Ptr update(const std::string& entity_set, const std::string& ref_key,
                                   const Poco::JSON::Object& changes);

    // Makes `register_set` a periodic information register with these dimensions: records have
    // a Period, the dimensions and resources, and no Ref_Key.
    void declareRegister(const std::string& register_set, std::vector<std::string> dimensions);
    // Adds a record to a register (its Period and dimension values must be set).
    void addRecord(const std::string& register_set, const Poco::JSON::Object& record);

    // Deletes an entity for good, as 1C's DELETE (or an admin's deletion of marked objects)
    // does; false when there is no such entity.
    bool remove(const std::string& entity_set, const std::string& ref_key);

    // Deletes a register's records whose `property` equals `value` (1C deletes an object only
    // together with the records that refer to it); returns how many there were.
    std::size_t removeRecords(const std::string& register_set, const std::string& property,
                              const std::string& value);

    // Marks a document posted; false when there is no such entity.
    bool post(const std::string& entity_set, const std::string& ref_key);

    // Copies of the matching entities in query order (insertion order when no order is given,
    // as 1C returns rows in a stable but unspecified order).
    std::vector<Poco::JSON::Object::Ptr> select(const std::string& entity_set,
                                                const StoreQuery& query) const;

    std::size_t size(const std::string& entity_set) const;

    // Called after every insert and update with the set and the entity as stored, under the
    // store's lock (so keep it short): how bench/latency_bench.cpp times a delivery at the
    // moment 1C would have written it. Set it before the server takes requests.
    using WriteObserver =
        std::function<void(const std::string& entity_set, const Poco::JSON::Object& entity)>;
    void observeWrites(WriteObserver observer) { observer_ = std::move(observer); }

private:
    struct EntitySet {
        std::vector<Poco::JSON::Object::Ptr> rows;       // insertion order
        std::map<std::string, std::size_t> by_ref_key;  // Ref_Key -> index in rows
        std::vector<std::string> dimensions;            // registers only
    };
    struct Matches {
        std::string set;
        std::string virtual_table;
        std::string text;
        std::uint64_t writes = 0;
        std::vector<Poco::JSON::Object::Ptr> rows;
    };

    std::string nextDataVersion();
    std::vector<Poco::JSON::Object::Ptr> sliceLast(const EntitySet& set) const;
    const std::vector<Poco::JSON::Object::Ptr>& matches(const std::string& entity_set,
                                                        const EntitySet& set,
                                                        const StoreQuery& query) const;

    mutable std::mutex mutex_;
    std::map<std::string, EntitySet> sets_;
    std::uint64_t writes_ = 0;
    mutable Matches last_matches_;
    WriteObserver observer_;
};

}  // namespace crmsync::emulator
