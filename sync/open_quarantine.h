#pragma once
// The keys with an open quarantine entry, loaded once per source. A fixed record must close its
// entry; keeping the (usually tiny) set in memory means the other records pay nothing for that.
#include <string>
#include <string_view>
#include <unordered_set>

#include "crmcore/crm_store.h"

namespace crmsync::sync {

class OpenQuarantine {
public:
    void load(core::CrmStore& store);

    bool contains(std::string_view entity, std::string_view onec_key) const;
    // Closes the key's entries inside `tx` when it has any.
    void resolveIfOpen(core::CrmTransaction& tx, const std::string& entity,
                       const std::string& onec_key, std::int64_t run_id);

private:
    std::unordered_set<std::string> keys_;
};

}  // namespace crmsync::sync
