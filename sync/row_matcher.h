#pragma once
// An entity's match rule (mapping::EntityMapping::match_columns) applied to a record whose 1C
// key has no binding: the existing CRM row to bind the key to instead of inserting a new one,
// e.g. a counterparty the CRM created, found by ИНН and КПП when 1C sends it.
#include <cstdint>
#include <optional>

#include "crmcore/crm_store.h"
#include "crmcore/result.h"
#include "mapping/entity_mapping.h"

namespace crmsync::sync {

// nullopt: nothing to bind to, insert (no match rule, no row matches, the record does not
// carry the match values, or they are all empty). An error refuses the record: several rows
// match ("ambiguous match: ..."), or the one that does is bound to another 1C key (two 1C
// objects with the same values, or one re-created in 1C: a person decides which is right).
core::Result<std::optional<std::int64_t>> matchExistingRow(core::CrmTransaction& tx,
                                                           const mapping::EntityMapping& rules,
                                                           const core::Row& mapped);

}  // namespace crmsync::sync
