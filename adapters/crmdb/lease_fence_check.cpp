#include "adapters/crmdb/lease_fence_check.h"

#include "adapters/crmdb/pg_conn.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

// The claim's lease row now: (holder, epoch), ("", -1) when there is none.
std::pair<std::string, std::int64_t> leaseNow(CrmConnection& connection, const std::string& lock,
                                              bool for_update) {
    std::string holder;
    std::int64_t epoch = -1;
    connection.guard(
        [&] {
            auto& st = connection.statement(
                std::string("SELECT holder, epoch FROM job_lease WHERE lock_name = :p0") +
                    (for_update ? " FOR UPDATE" : ""),
                "t", 2);
            st.setText(0, lock);
            if (st.executeOnce()) {
                holder = st.text(0);
                epoch = st.integer(1);
            }
        },
        [&] { return "check lease " + lock + " before commit"; });
    return {holder, epoch};
}

[[noreturn]] void throwLost(const core::LeaseFence& fence, const core::LeaseClaim& claim,
                            const std::string& holder, std::int64_t epoch) {
    throw LeaseLost("lease " + claim.lock + " lost by " + fence.holder + " (epoch " +
                    std::to_string(claim.epoch) + "): now " +
                    (holder.empty() ? std::string("released") : "held by " + holder) +
                    " at epoch " + std::to_string(epoch) + "; the transaction was rolled back");
}

// Raised by the fence's DO block when a claim no longer holds.
constexpr const char* kFenceLost = "CSL01";
constexpr const char* kFenceTag = "$crmsync_fence$";

std::string literal(PGconn* conn, const std::string& text) {
    char* quoted = PQescapeLiteral(conn, text.data(), text.size());
    if (quoted == nullptr) {
        return {};
    }
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
}

// Throws LeaseLost for the first claim that no longer holds; `lock`: its row FOR UPDATE.
void throwFirstLost(CrmConnection& connection, const core::LeaseFence& fence, bool lock) {
    for (const auto& claim : fence.claims) {
        auto [holder, epoch] = leaseNow(connection, claim.lock, lock);
        if (holder != fence.holder || epoch != claim.epoch) {
            throwLost(fence, claim, holder, epoch);
        }
    }
}

}  // namespace

void checkLeaseFence(CrmConnection& connection, const core::LeaseFence& fence) {
    throwFirstLost(connection, fence, connection.dialect() == core::SqlDialect::PostgreSql);
}

bool commitFenced(CrmConnection& connection, const core::LeaseFence& fence) {
    PGconn* conn = pgConnectionOf(connection.session());
    const std::string holder = literal(conn, fence.holder);
    if (holder.empty()) {
        return false;
    }
    std::string sql = std::string("DO ") + kFenceTag + " BEGIN\n";
    for (const auto& claim : fence.claims) {
        const std::string lock = literal(conn, claim.lock);
        if (lock.empty()) {
            return false;
        }
        sql += "PERFORM 1 FROM job_lease WHERE lock_name = " + lock + " AND holder = " + holder +
               " AND epoch = " + std::to_string(claim.epoch) + " FOR UPDATE;\n" +
               "IF NOT FOUND THEN RAISE EXCEPTION 'lease % lost', " + lock + " USING ERRCODE = '" +
               kFenceLost + "'; END IF;\n";
    }
    sql += std::string("END ") + kFenceTag;
    std::size_t tags = 0;
    for (auto at = sql.find(kFenceTag); at != std::string::npos; at = sql.find(kFenceTag, at + 1)) {
        ++tags;
    }
    if (tags != 2) {
        return false;  // a name holds the tag itself: the two-step check does it
    }
    sql += "; COMMIT";
    PgResult result(PQexec(conn, sql.c_str()));
    if (PQresultStatus(result.get()) == PGRES_COMMAND_OK) {
        return true;
    }
    const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    if (state == nullptr || std::string(state) != kFenceLost) {
        throwPgRefusal(conn, result.get());
    }
    // Lost: say to whom, as the two-step check does, once the transaction is gone.
    result.reset(PQexec(conn, "ROLLBACK"));
    throwFirstLost(connection, fence, false);
    // Held again meanwhile: the block still found it lost when it looked.
    const auto& first = fence.claims.front();
    throwLost(fence, first, fence.holder, first.epoch);
}

}  // namespace crmsync::crmdb
