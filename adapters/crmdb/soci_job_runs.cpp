#include "adapters/crmdb/soci_job_runs.h"

#include "adapters/crmdb/crm_sql.h"
#include "adapters/crmdb/run_row.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

constexpr std::size_t kRunColumns = 20;

std::string selectRunsSql(core::SqlDialect dialect) {
    return "SELECT id, kind, input, status, error, " + utcText("started_at", dialect) + ", " +
           utcText("finished_at", dialect) +
           ", read_count, inserted, updated, unchanged, deactivated, quarantined, conflicts, "
           "dead_letters, job, instance, " + utcText("scheduled_at", dialect) +
           ", run_trigger, attempt FROM sync_run";
}

// The run log's columns, then a job run's own.
core::RunRow readJobRun(PreparedStatement& st) {
    core::RunRow row = readRunRow(st);
    row.counts.conflicts = st.integer(13);
    row.counts.dead_letters = st.integer(14);
    row.job = st.text(15);
    row.instance = st.text(16);
    row.scheduled_at = st.isNull(17) ? "" : st.text(17);
    row.trigger = st.text(18);
    row.attempt = static_cast<int>(st.integer(19));
    return row;
}

}  // namespace

std::int64_t SociJobRuns::insert(const core::JobRunStart& run, const std::string& status,
                                 const std::string& error, bool finished) {
    connection_.requireNoTransaction("record a job run");
    connection_.ensureConnected();
    const auto dialect = connection_.dialect();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "INSERT INTO sync_run (kind, job, instance, scheduled_at, run_trigger, attempt, "
                "status, error, finished_at) VALUES (:p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, " +
                    (finished ? nowSql(dialect) : std::string("NULL")) + ") RETURNING id",
                "tttttitt", 1);
            st.setText(0, run.action);
            st.setText(1, run.job);
            st.setText(2, run.instance);
            if (run.scheduled_at.empty()) {
                st.setNull(3);
            } else {
                st.setText(3, run.scheduled_at);
            }
            st.setText(4, run.trigger);
            st.setInteger(5, run.attempt);
            st.setText(6, status);
            st.setText(7, error);
            if (!st.executeOnce()) {
                throw Error("CRM database: recording a run of job " + run.job +
                            " returned no id");
            }
            return st.integer(0);
        },
        [&] { return "record a run of job " + run.job; });
}

std::int64_t SociJobRuns::start(const core::JobRunStart& run) {
    return insert(run, "running", "", false);
}

std::int64_t SociJobRuns::record(const core::JobRunStart& run, const std::string& status,
                                 const std::string& error) {
    return insert(run, status, error, true);
}

void SociJobRuns::finish(std::int64_t run_id, const std::string& status,
                         const core::RunCounts& counts, const std::string& error) {
    connection_.requireNoTransaction("finish a job run");
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "UPDATE sync_run SET status = :p0, error = :p1, finished_at = " +
                    nowSql(connection_.dialect()) +
                    ", read_count = :p2, inserted = :p3, updated = :p4, unchanged = :p5, "
                    "deactivated = :p6, quarantined = :p7, conflicts = :p8, dead_letters = :p9 "
                    "WHERE id = :p10",
                "ttiiiiiiiii", 0);
            st.setText(0, status);
            st.setText(1, error);
            st.setInteger(2, counts.read);
            st.setInteger(3, counts.inserted);
            st.setInteger(4, counts.updated);
            st.setInteger(5, counts.unchanged);
            st.setInteger(6, counts.deactivated);
            st.setInteger(7, counts.quarantined);
            st.setInteger(8, counts.conflicts);
            st.setInteger(9, counts.dead_letters);
            st.setInteger(10, run_id);
            st.execute();
            if (st.affectedRows() == 0) {
                throw Error("CRM database: cannot finish run " + std::to_string(run_id) +
                            ": no such run");
            }
        },
        [&] { return "finish job run " + std::to_string(run_id); });
}

std::optional<std::string> SociJobRuns::lastFire(const std::string& job) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<std::string> {
            auto& st = connection_.statement(
                "SELECT " + utcText("MAX(scheduled_at)", connection_.dialect()) +
                    " FROM sync_run WHERE job = :p0 AND run_trigger NOT IN ('manual', "
                    "'crm-change')",
                "t", 1);
            st.setText(0, job);
            if (!st.executeOnce() || st.isNull(0)) {
                return std::nullopt;
            }
            return st.text(0);
        },
        [&] { return "read the last fire of job " + job; });
}

std::vector<core::RunRow> SociJobRuns::forFire(const std::string& job,
                                               const std::string& scheduled_at) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                selectRunsSql(connection_.dialect()) +
                    " WHERE job = :p0 AND scheduled_at = :p1 ORDER BY id DESC",
                "tt", kRunColumns);
            st.setText(0, job);
            st.setText(1, scheduled_at);
            std::vector<core::RunRow> rows;
            for (bool more = st.execute(); more; more = st.fetch()) {
                rows.push_back(readJobRun(st));
            }
            return rows;
        },
        [&] { return "read the runs of job " + job + " for " + scheduled_at; });
}

void SociJobRuns::list(const core::JobRunQuery& query,
                       const std::function<void(const core::RunRow&)>& row) {
    connection_.ensureConnected();
    std::vector<core::RunRow> rows;
    connection_.guard(
        [&] {
            const std::string limit = " ORDER BY id DESC LIMIT " + std::to_string(query.limit);
            const std::string base = selectRunsSql(connection_.dialect());
            auto& st = query.job.empty()
                           ? connection_.statement(base + limit, "", kRunColumns)
                           : connection_.statement(base + " WHERE job = :p0" + limit, "t",
                                                   kRunColumns);
            if (!query.job.empty()) {
                st.setText(0, query.job);
            }
            for (bool more = st.execute(); more; more = st.fetch()) {
                rows.push_back(readJobRun(st));
            }
        },
        [&] { return std::string("list runs"); });
    // Called after the statement ended, so `row` may use the store.
    for (const auto& r : rows) {
        row(r);
    }
}

std::int64_t SociJobRuns::purge(std::chrono::hours keep_succeeded, std::chrono::hours keep_failed) {
    connection_.requireNoTransaction("purge job runs");
    connection_.ensureConnected();
    const auto dialect = connection_.dialect();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "DELETE FROM sync_run WHERE job <> '' AND finished_at IS NOT NULL AND "
                "((status IN ('succeeded', 'skipped') AND finished_at < " +
                    nowPlusMillisSql(dialect, 0) + ") OR (status NOT IN ('succeeded', "
                    "'skipped') AND finished_at < " + nowPlusMillisSql(dialect, 1) + "))",
                "ii", 0);
            st.setInteger(0, -std::chrono::milliseconds(keep_succeeded).count());
            st.setInteger(1, -std::chrono::milliseconds(keep_failed).count());
            st.execute();
            return static_cast<std::int64_t>(st.affectedRows());
        },
        [&] { return std::string("purge old job runs"); });
}

}  // namespace crmsync::crmdb
