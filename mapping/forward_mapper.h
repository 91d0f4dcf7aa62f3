#pragma once
// 1C -> CRM: evaluates an entity's compiled field rules on one incoming record. Pure apart from
// the reference lookups, so the preview and the importer share it.
#include <cstdint>
#include <optional>
#include <string>

#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "crmcore/result.h"
#include "mapping/entity_mapping.h"

namespace crmsync::mapping {

// Finds the CRM id bound to a 1C key (through the bindings).
class ReferenceResolver {
public:
    virtual ~ReferenceResolver() = default;
    virtual std::optional<std::int64_t> crmId(const std::string& entity,
                                              const std::string& onec_key) = 0;
};

// The CRM columns the record sets, in rule order. A rule whose source the record does not
// carry is left out (a changes-only source does not blank what it did not send) unless its
// chain makes a value anyway (default, constant, concat); a present but empty value becomes
// NULL. Fields with an attributes.KEY target together make one JSON object column.
// Errors name the record path: "value: invalid decimal '12,5' ...".
core::Result<core::Row> mapForward(const EntityMapping& mapping, const core::Record& record,
                                   ReferenceResolver& references);

}  // namespace crmsync::mapping
