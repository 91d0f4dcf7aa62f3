#pragma once
// One text key for an (entity, 1C key) pair, for the engine's in-memory maps and sets. A
// newline cannot occur in an entity name, so two pairs never share a key.
#include <string>

namespace crmsync::sync {

inline std::string entityKey(const std::string& entity, const std::string& onec_key) {
    std::string key;
    key.reserve(entity.size() + onec_key.size() + 1);
    key += entity;
    key += '\n';
    key += onec_key;
    return key;
}

}  // namespace crmsync::sync
