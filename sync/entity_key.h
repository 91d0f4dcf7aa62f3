#pragma once
// One text key for an (entity, 1C key) pair, for the engine's in-memory maps and sets. A
// newline cannot occur in an entity name, so two pairs never share a key.
#include <string>
#include <string_view>

namespace crmsync::sync {

inline std::string entityKey(std::string_view entity, std::string_view onec_key) {
    std::string key;
    key.reserve(entity.size() + onec_key.size() + 1);
    key += entity;
    key += '\n';
    key += onec_key;
    return key;
}

}  // namespace crmsync::sync
