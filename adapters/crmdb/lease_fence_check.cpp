#include "adapters/crmdb/lease_fence_check.h"

#include "crmcore/error.h"

namespace crmsync::crmdb {

void checkLeaseFence(CrmConnection& connection, const core::LeaseFence& fence) {
    const bool pg = connection.dialect() == core::SqlDialect::PostgreSql;
    for (const auto& claim : fence.claims) {
        std::string holder;
        std::int64_t epoch = -1;
        connection.guard(
            [&] {
                auto& st = connection.statement(
                    std::string("SELECT holder, epoch FROM job_lease WHERE lock_name = :p0") +
                        (pg ? " FOR UPDATE" : ""),
                    "t", 2);
                st.setText(0, claim.lock);
                if (st.executeOnce()) {
                    holder = st.text(0);
                    epoch = st.integer(1);
                }
            },
            [&] { return "check lease " + claim.lock + " before commit"; });
        if (holder != fence.holder || epoch != claim.epoch) {
            throw LeaseLost("lease " + claim.lock + " lost by " + fence.holder + " (epoch " +
                            std::to_string(claim.epoch) + "): now " +
                            (holder.empty() ? std::string("released") : "held by " + holder) +
                            " at epoch " + std::to_string(epoch) +
                            "; the transaction was rolled back");
        }
    }
}

}  // namespace crmsync::crmdb
