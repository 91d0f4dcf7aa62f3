#include "mapping/entity_mapping.h"

namespace crmsync::mapping {

const EntityMapping* Mapping::find(std::string_view entity) const {
    for (const auto& e : entities) {
        if (e.entity == entity) {
            return &e;
        }
    }
    return nullptr;
}

std::string_view directionName(Direction direction) {
    switch (direction) {
        case Direction::FromOneC: return "from-1c";
        case Direction::ToOneC: return "to-1c";
        case Direction::Both: return "both";
    }
    return "from-1c";
}

std::string_view conflictPolicyName(ConflictPolicy policy) {
    switch (policy) {
        case ConflictPolicy::OneCWins: return "onec-wins";
        case ConflictPolicy::CrmWins: return "crm-wins";
        case ConflictPolicy::NewestWins: return "newest-wins";
        case ConflictPolicy::Manual: return "manual";
        case ConflictPolicy::OneCWinsUnlessBlank: return "onec-wins-unless-blank";
        case ConflictPolicy::CrmWinsUnlessBlank: return "crm-wins-unless-blank";
    }
    return "onec-wins";
}

MappingSource fixedMapping(const Mapping& mapping) {
    // Aliasing constructor: shares no ownership, so the caller's mapping is never freed here.
    std::shared_ptr<const Mapping> unowned(std::shared_ptr<const Mapping>(), &mapping);
    return [unowned] { return unowned; };
}

}  // namespace crmsync::mapping
