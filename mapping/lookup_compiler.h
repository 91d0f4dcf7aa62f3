#pragma once
// Builds a <lookup> element into a LookupRule, checking what the XSD cannot: that the entity
// exists, that it has the columns matched on, that there is something to match, and that a
// <match> without source has a field value to take.
#include <map>
#include <optional>
#include <string>

#include "mapping/diagnostic.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_model.h"

namespace crmsync::mapping {

struct LookupContext {
    const std::map<std::string, const core::EntitySpec*>& specs;  // see entitySpecs()
    const std::string& entity;  // the entity the field belongs to (for CommerceML paths)
    bool commerceml = false;
    bool field_has_source = false;
};

// nullopt after reporting every problem found.
std::optional<LookupRule> compileLookup(const model::Step& step, const LookupContext& context,
                                        Diagnostics& out);

}  // namespace crmsync::mapping
