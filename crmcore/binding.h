#pragma once
// A 1C key bound to a CRM row, with what was last synced between them (the merge base).
#include <cstdint>
#include <string>

namespace crmsync::core {

struct Binding {
    std::string entity;
    std::string onec_key;
    std::int64_t crm_id = 0;
    std::string content_hash;  // contentHash() of the last applied record; "" forces a re-apply
    std::string snapshot;      // JSON object of the CRM columns as last synced
    std::string onec_version;  // 1C НомерВерсии / DataVersion, when known
    bool operator==(const Binding&) const = default;
};

}  // namespace crmsync::core
