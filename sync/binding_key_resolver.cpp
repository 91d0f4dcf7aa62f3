#include "sync/binding_key_resolver.h"

namespace crmsync::sync {

std::optional<std::string> BindingKeyResolver::onecKey(const std::string& entity,
                                                       std::int64_t crm_id) {
    auto binding = tx_.bindings().findOfRow(entity, crm_id);
    if (!binding) {
        return std::nullopt;
    }
    return binding->onec_key;
}

}  // namespace crmsync::sync
