#pragma once
// Before a batch is applied: the bindings its records will ask for — the keys they refer to (a
// price's product) and their own keys seen before — fetched per entity in one call each. On
// PostgreSQL each binding lookup is a round trip, and a catalog's prices and stock would
// otherwise look their products up one at a time (34,000 round trips for 20,000 products).
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "crmcore/binding.h"
#include "crmcore/crm_store.h"
#include "mapping/entity_mapping.h"
#include "sync/id_cache.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

class PrefetchedBindings {
public:
    void put(core::Binding binding);
    // The binding fetched for (entity, onec_key), once: a key met again in the batch may have
    // been bound by its first record since, so the second asks the store. None: not fetched
    // (ask the store), or fetched and found absent.
    std::optional<core::Binding> take(const std::string& entity, const std::string& onec_key);
    void clear() { bindings_.clear(); }

private:
    static std::string keyOf(const std::string& entity, const std::string& onec_key);
    std::unordered_map<std::string, core::Binding> bindings_;
};

// Remembers in `ids` the CRM ids of the keys `batch` refers to that the cache lacks, and puts
// into `own` the bindings of the batch's keys seen before. References are found by mapping
// each record once with a resolver that only collects what it is asked for.
void prefetchBatch(core::CrmTransaction& tx, const mapping::Mapping& mapping,
                   std::span<const SpooledRecord> batch, IdCache& ids,
                   PrefetchedBindings& own);

}  // namespace crmsync::sync
