#pragma once
// Replays a quarantined record: the record as it was received goes through the import pipeline
// again, with the mapping in force now, in a run of its own (kind "replay"). A record refused
// because of a mapping mistake or a reference that had not arrived yet is applied once the
// admin fixed the mapping or 1C sent the reference; applying it closes its quarantine entry as
// any later import of the key would. Refused again, the entry stays open and the answer says
// why, from the same evaluation `crmsync mapping preview` makes.
#include <cstdint>
#include <string>

#include "crmcore/crm_store.h"
#include "crmcore/quarantine_entry.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"

namespace crmsync::sync {

struct ReplayOutcome {
    std::int64_t run_id = 0;
    bool applied = false;
    std::string reason;  // when not applied: why the record is still refused
};

// The record of `entry`, as received (fields from its stored JSON, origin its file:line).
// Throws crmsync::InputError when the stored JSON is not an object of fields.
core::Record quarantinedRecord(const core::QuarantineRow& entry);

// Replays `entry` (which must be open). Throws crmsync::Error for database failures.
ReplayOutcome replayQuarantined(core::CrmStore& store, const mapping::Mapping& mapping,
                                const core::QuarantineRow& entry, ImportOptions options = {});

}  // namespace crmsync::sync
