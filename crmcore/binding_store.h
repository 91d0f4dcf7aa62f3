#pragma once
// Bindings of 1C keys to CRM rows: the engine's port inside a transaction (BindingStore) and
// the read-only lookups it makes before writing anything (BindingIndex).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crmcore/binding.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::core {

// Inside one transaction; throws like CrmRows. Unique per (entity, 1C key) and per (entity,
// CRM id): a second binding of the same thing is refused by the database.
class BindingStore {
public:
    virtual ~BindingStore() = default;

    // The binding of a 1C key, if any.
    virtual std::optional<Binding> find(const std::string& entity,
                                        const std::string& onec_key) = 0;
    // The bindings of many 1C keys of one entity, those that exist, in no particular order: a
    // batch's references in one round trip on PostgreSQL.
    virtual std::vector<Binding> findMany(const std::string& entity,
                                          const std::vector<std::string>& onec_keys) = 0;
    // The binding of a CRM row, if any: turns a CRM id back into its 1C key, and tells a row
    // the CRM made from one 1C already sent.
    virtual std::optional<Binding> findOfRow(const std::string& entity, std::int64_t crm_id) = 0;
    // Inserts or replaces the binding of (entity, onec_key).
    virtual void save(const Binding& binding) = 0;
    // Binds a key this transaction knows to be unbound (its lookup found no binding): cheaper
    // than save() on PostgreSQL. A binding another writer made since is not overwritten: the
    // database refuses this one as it refuses a duplicate CRM row.
    virtual void insert(const Binding& binding) = 0;
    // Forgets the binding of (entity, onec_key), if any: a pushed document's lines are bound
    // anew by position, and a position may now hold another CRM line.
    virtual void remove(const std::string& entity, const std::string& onec_key) = 0;
    // The 1C key and CRM id of every binding of `entity` whose CRM row is active, in no
    // particular order, streamed: a full catalog has hundreds of thousands. `visit` must not
    // call the transaction (the query is still running).
    virtual void visitActive(
        const EntitySpec& entity,
        const std::function<void(const std::string& onec_key, std::int64_t crm_id)>& visit) = 0;
};

// Read outside any transaction (inside one, a lookup sees that transaction's writes), so the
// engine can drop unchanged records before it writes anything. Throws like CrmRows.
class BindingIndex {
public:
    virtual ~BindingIndex() = default;

    // (key, content hash) of the bindings of `keys`; absent keys are left out.
    virtual std::vector<std::pair<std::string, std::string>> hashes(
        const std::string& entity, const std::vector<std::string>& keys) = 0;
    // (key, 1C version) the same way: an incremental pull fetches only what moved.
    virtual std::vector<std::pair<std::string, std::string>> versions(
        const std::string& entity, const std::vector<std::string>& keys) = 0;
    // The greatest 1C version among the bindings of `entity` ("" when none): for a register,
    // whose versions are the Periods of its records, the point a pull can go on from.
    virtual std::string latestVersion(const std::string& entity) = 0;
    // Whether `entity` has any binding: a first import, which has none, need not look its keys
    // up one batch at a time.
    virtual bool any(const std::string& entity) = 0;
};

}  // namespace crmsync::core
