#pragma once
// CRM ids of 1C keys the applier looked up, so that references (a price's product and price type, a
// product's group) rarely need a binding lookup. They are looked up hundreds of thousands of
// times per catalog: finding one neither builds a key string nor allocates. Bounded: cleared
// when it fills, since a source mostly refers to what it has just applied.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crmsync::sync {

class IdCache {
public:
    std::optional<std::int64_t> find(std::string_view entity, std::string_view onec_key) const;
    void remember(std::string_view entity, std::string_view onec_key, std::int64_t crm_id);
    void clear();

private:
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const {
            return std::hash<std::string_view>()(key);
        }
    };
    using IdsByKey = std::unordered_map<std::string, std::int64_t, KeyHash, std::equal_to<>>;

    // Per entity: a catalog has a handful, so a short list beats a map.
    std::vector<std::pair<std::string, IdsByKey>> by_entity_;
    std::size_t size_ = 0;
};

}  // namespace crmsync::sync
