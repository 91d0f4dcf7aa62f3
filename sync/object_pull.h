#pragma once
// Pulling 1C object sets (the OData interface) into the CRM through the mapping, incrementally:
// for a set whose objects carry versions, the keys and versions of the whole set are scanned,
// compared with the versions the bindings remember, and only the objects whose version moved
// (or that are new) are read. The rest of the import is the file import's: records whose
// content did not change write nothing, bad records go to quarantine, one transaction per batch.
//
// A periodic register keyed by its dimensions (prices) has no versions: its first pull reads its
// latest values whole (SliceLast), later pulls only the records dated after the latest Period
// applied. A record dated back, or removed from the register, shows only in a --full pull.
//
// Every other pull of an entity is a full package: an object that vanished from 1C (deleted, or
// out of the set's filter) is deactivated in the CRM once its set was scanned completely. An object 1C
// marks for deletion (DeletionMark mapped to deletion_mark) is deactivated as a file import
// deactivates it, and comes back when the mark is cleared.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"
#include "crmcore/object_set_reader.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"

namespace crmsync::sync {

struct PullOptions {
    // Journal entity names to pull; empty = every entity the mapping reads from 1C over OData.
    // A tabular-section entity (order_line) comes with the entity of its objects (order).
    std::vector<std::string> entities;
    bool full = false;  // read every object, not only those whose version moved
    ImportOptions import;
};

struct EntityPullStats {
    std::string entity;     // the entity whose objects were read (its sections come along)
    bool incremental = false;
    std::size_t scanned = 0;  // keys listed by the version scan
    std::size_t fetched = 0;  // objects read in full
};

struct PullReport {
    ImportReport import;
    std::vector<EntityPullStats> entities;
    std::uint64_t requests = 0;  // HTTP requests sent to 1C, retries included
};

// The object-set queries of the mapping's OData entities, in mapping order, sections attached
// to their owner. Throws crmsync::Error for an entity that is not in the mapping, does not read
// from 1C, or is not an OData entity.
std::vector<core::ObjectSetQuery> pullQueries(const mapping::Mapping& mapping,
                                              const std::vector<std::string>& entities);

// One run of kind "odata-pull". A failing entity stops the run (later entities may refer to
// it); entities applied before it stay applied.
PullReport pullFromOneC(core::CrmStore& store, const mapping::Mapping& mapping,
                        core::ObjectSetReader& reader, const PullOptions& options);

}  // namespace crmsync::sync
