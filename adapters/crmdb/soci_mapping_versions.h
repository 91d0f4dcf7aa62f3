#pragma once
// core::MappingVersions over SOCI (table mapping_version of migration 8).
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/mapping_versions.h"

namespace crmsync::crmdb {

class SociMappingVersions final : public core::MappingVersions {
public:
    explicit SociMappingVersions(CrmConnection& connection) : connection_(connection) {}

    core::MappingVersion add(const core::MappingVersion& version) override;
    std::vector<core::MappingVersion> list(const std::string& name) override;
    std::optional<core::MappingVersion> find(const std::string& name,
                                             std::int64_t number) override;
    std::optional<core::MappingVersion> latest(const std::string& name) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
