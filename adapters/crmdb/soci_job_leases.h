#pragma once
// core::JobLeases over SOCI (table job_lease). Each call is one statement in autocommit, timed
// on the database clock; the upsert decides free/expired/held in the database, so two
// instances racing for one lease cannot both win.
#include "adapters/crmdb/crm_connection.h"
#include "crmcore/job_leases.h"

namespace crmsync::crmdb {

class SociJobLeases final : public core::JobLeases {
public:
    explicit SociJobLeases(CrmConnection& connection) : connection_(connection) {}

    std::optional<std::int64_t> acquire(const std::string& lock, const std::string& holder,
                                        std::chrono::milliseconds ttl) override;
    bool renew(const std::string& lock, const std::string& holder, std::int64_t epoch,
               std::chrono::milliseconds ttl) override;
    void release(const std::string& lock, const std::string& holder, std::int64_t epoch) override;
    std::optional<core::LeaseRow> find(const std::string& lock) override;

private:
    CrmConnection& connection_;
};

}  // namespace crmsync::crmdb
