#pragma once
// core::ConflictReader over SOCI.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/conflict.h"

namespace crmsync::crmdb {

class SociConflictReader final : public core::ConflictReader {
public:
    explicit SociConflictReader(CrmConnection& connection) : connection_(connection) {}

    std::vector<core::Conflict> list(const core::ConflictQuery& query) override;
    std::optional<core::Conflict> find(std::int64_t id) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
