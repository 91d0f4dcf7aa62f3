#pragma once
// CRM -> 1C: builds the 1C properties of one CRM row from an entity's reverse rules, for the
// pushes to 1C (OData). Pure apart from the key lookups, like the forward mapper.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "crmcore/result.h"
#include "mapping/entity_mapping.h"

namespace crmsync::mapping {

// Finds the 1C key bound to a CRM id (through the bindings); nullopt when never exchanged.
class KeyResolver {
public:
    virtual ~KeyResolver() = default;
    virtual std::optional<std::string> onecKey(const std::string& entity, std::int64_t crm_id) = 0;
};

// The 1C properties an entity's reverse rules build from a CRM row (column -> text, as
// CrmTransaction::readRow returns it; attributes.X fields read from the JSON attributes column),
// in rule order, for every field whose direction is `both` or `to-1c`. A NULL column gives a null
// Value. A <reverse><reference entity=E/></reverse> turns the CRM id into E's 1C key (an error
// naming the field when E's row was never exchanged). Values are typed from the CRM column type:
// Decimal columns -> core::Decimal, Boolean -> bool, Integer -> int64, Timestamp -> core::DateTime,
// text -> std::string. Errors name the field: "<target>: ...".
core::Result<std::vector<core::Field>> mapReverse(const EntityMapping& mapping, const core::Row& crm_row,
                                                  KeyResolver& keys);

}  // namespace crmsync::mapping
