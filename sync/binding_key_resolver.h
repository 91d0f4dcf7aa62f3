#pragma once
// mapping::KeyResolver through the bindings of an open transaction: the 1C key a CRM row was
// exchanged under, for the reverse mapping of what goes to 1C.
#include "crmcore/crm_store.h"
#include "mapping/reverse_mapper.h"

namespace crmsync::sync {

// Not cached: a push reads few rows, and a binding made earlier in the same transaction (a
// counterparty pushed just before its order) must be seen.
class BindingKeyResolver : public mapping::KeyResolver {
public:
    explicit BindingKeyResolver(core::CrmTransaction& tx) : tx_(tx) {}

    std::optional<std::string> onecKey(const std::string& entity, std::int64_t crm_id) override;

private:
    core::CrmTransaction& tx_;
};

}  // namespace crmsync::sync
