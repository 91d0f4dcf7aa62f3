#pragma once
// core::BindingIndex over SOCI: binding lookups outside (or inside) the engine's transaction.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/binding_store.h"

namespace crmsync::crmdb {

class SociBindingIndex final : public core::BindingIndex {
public:
    explicit SociBindingIndex(CrmConnection& connection) : connection_(connection) {}

    // Look keys up kHashLookupChunk at a time.
    std::vector<std::pair<std::string, std::string>> hashes(
        const std::string& entity, const std::vector<std::string>& keys) override;
    std::vector<std::pair<std::string, std::string>> versions(
        const std::string& entity, const std::vector<std::string>& keys) override;
    std::string latestVersion(const std::string& entity) override;
    bool any(const std::string& entity) override;

private:
    std::vector<std::pair<std::string, std::string>> lookup(FixedStatement which,
                                                            const char* what,
                                                            const std::string& entity,
                                                            const std::vector<std::string>& keys);

    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
