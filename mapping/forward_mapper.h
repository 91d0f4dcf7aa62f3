#pragma once
// 1C -> CRM: evaluates an entity's compiled field rules on one incoming record. Pure apart from
// the reference lookups, so the preview and the importer share it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "crmcore/result.h"
#include "mapping/entity_mapping.h"

namespace crmsync::mapping {

// What evaluation needs from the CRM database.
class ReferenceResolver {
public:
    virtual ~ReferenceResolver() = default;
    // The CRM id bound to a 1C key (through the bindings).
    virtual std::optional<std::int64_t> crmId(const std::string& entity,
                                              const std::string& onec_key) = 0;
    // For <lookup>: the ids of the active rows of `entity` whose columns equal every value of
    // `match`, a null value matching NULL or ''. Columns come from `entity`. The default throws
    // crmsync::Error: only resolvers backed by a database can look rows up.
    virtual std::vector<std::int64_t> lookupIds(const core::EntitySpec& entity,
                                                const core::Row& match);
};

// The CRM columns the record sets, in rule order. A rule whose source the record does not
// carry is left out (a changes-only source does not blank what it did not send) unless its
// chain makes a value anyway (default, constant, concat); a present but empty value becomes
// NULL. Fields with an attributes.KEY target together make one JSON object column.
// A <lookup> gives NULL when no row matches (a record error when the field is required, naming
// the values) and a record error when more than one does ("ambiguous lookup: ...").
// Errors name the record path: "value: invalid decimal '12,5' ...".
core::Result<core::Row> mapForward(const EntityMapping& mapping, const core::Record& record,
                                   ReferenceResolver& references);

// "inn='7701234567' kpp=''": the values a lookup or a match rule searched for, for messages.
std::string describeMatch(const core::Row& match);

// The (entity, 1C key) of each reference `mapping` makes of `record`, as mapForward() would
// resolve them, without mapping anything else: for looking them all up ahead of a batch. A
// reference whose value is absent, empty or does not map is skipped; rules to 1C only too.
void forEachReference(const EntityMapping& mapping, const core::Record& record,
                      const std::function<void(const std::string& entity,
                                               const std::string& key)>& visit);

}  // namespace crmsync::mapping
