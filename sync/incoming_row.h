#pragma once
// The CRM row an incoming 1C record maps to, exactly as the importer would write it: the
// entity's rules found, the 1C key checked, the fields mapped by mapping::mapForward and the
// "active" flag derived from the deletion mark. Shared by the import and its preview, so both
// map and refuse records the same way.
#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "crmcore/result.h"
#include "mapping/entity_mapping.h"
#include "mapping/forward_mapper.h"

namespace crmsync::sync {

struct IncomingRow {
    const core::EntitySpec* spec = nullptr;         // never null in a result
    const mapping::EntityMapping* rules = nullptr;  // never null in a result
    core::Row row;                                  // mapped columns, then "active"
};

// An error is a record the importer quarantines; describe() is the reason it records.
core::Result<IncomingRow> mapIncoming(const mapping::Mapping& mapping, const core::Record& record,
                                      mapping::ReferenceResolver& references);

}  // namespace crmsync::sync
