#include "adapters/crmdb/soci_job_leases.h"

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

namespace {

// Parameters appear in the SQL in their numeric order: SOCI binds them by position.
// Free, released or expired: taken with the epoch + 1. Held unexpired by the same holder: kept
// at its epoch with a new expiry. Held unexpired by another: no row comes back.
std::string acquireSql(core::SqlDialect dialect) {
    const std::string now = nowSql(dialect);
    return "INSERT INTO job_lease (lock_name, holder, epoch, expires_at) VALUES (:p0, :p1, 1, " +
           nowPlusMillisSql(dialect, 2) +
           ") ON CONFLICT (lock_name) DO UPDATE SET epoch = CASE WHEN job_lease.holder = "
           "excluded.holder AND job_lease.expires_at > " + now +
           " THEN job_lease.epoch ELSE job_lease.epoch + 1 END, holder = excluded.holder, "
           "expires_at = excluded.expires_at WHERE job_lease.holder = excluded.holder OR "
           "job_lease.expires_at <= " + now + " RETURNING epoch";
}

std::string millis(std::chrono::milliseconds ttl) { return std::to_string(ttl.count()); }

}  // namespace

std::optional<std::int64_t> SociJobLeases::acquire(const std::string& lock,
                                                   const std::string& holder,
                                                   std::chrono::milliseconds ttl) {
    connection_.requireNoTransaction("acquire a lease");
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<std::int64_t> {
            auto& st = connection_.statement(acquireSql(connection_.dialect()), "tti", 1);
            st.setText(0, lock);
            st.setText(1, holder);
            st.setInteger(2, ttl.count());
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return st.integer(0);
        },
        [&] { return "acquire lease " + lock + " for " + millis(ttl) + " ms"; });
}

bool SociJobLeases::renew(const std::string& lock, const std::string& holder, std::int64_t epoch,
                          std::chrono::milliseconds ttl) {
    connection_.requireNoTransaction("renew a lease");
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "UPDATE job_lease SET expires_at = " +
                    nowPlusMillisSql(connection_.dialect(), 0) +
                    " WHERE lock_name = :p1 AND holder = :p2 AND epoch = :p3",
                "itti", 0);
            st.setInteger(0, ttl.count());
            st.setText(1, lock);
            st.setText(2, holder);
            st.setInteger(3, epoch);
            st.execute();
            return st.affectedRows() == 1;
        },
        [&] { return "renew lease " + lock; });
}

void SociJobLeases::release(const std::string& lock, const std::string& holder,
                            std::int64_t epoch) {
    connection_.requireNoTransaction("release a lease");
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "UPDATE job_lease SET holder = '', expires_at = " +
                    nowSql(connection_.dialect()) +
                    " WHERE lock_name = :p0 AND holder = :p1 AND epoch = :p2",
                "tti", 0);
            st.setText(0, lock);
            st.setText(1, holder);
            st.setInteger(2, epoch);
            st.execute();
        },
        [&] { return "release lease " + lock; });
}

std::optional<core::LeaseRow> SociJobLeases::find(const std::string& lock) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::LeaseRow> {
            auto& st = connection_.statement(
                "SELECT lock_name, holder, epoch, " +
                    utcText("expires_at", connection_.dialect()) +
                    " FROM job_lease WHERE lock_name = :p0",
                "t", 4);
            st.setText(0, lock);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::LeaseRow{st.text(0), st.text(1), st.integer(2), st.text(3)};
        },
        [&] { return "read lease " + lock; });
}

}  // namespace crmsync::crmdb
