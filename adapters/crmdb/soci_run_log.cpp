#include "adapters/crmdb/soci_run_log.h"

#include "adapters/crmdb/run_row.h"

#include "crmcore/error.h"

namespace crmsync::crmdb {

std::int64_t SociRunLog::start(const std::string& kind, const std::string& input) {
    connection_.requireNoTransaction("start a run");
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.fixed(FixedStatement::StartRun);
            st.setText(0, kind);
            st.setText(1, input);
            if (!st.executeOnce()) {
                throw Error("CRM database: starting a run returned no id");
            }
            return st.integer(0);
        },
        [&] { return "start " + kind + " run"; });
}

void SociRunLog::finish(std::int64_t run_id, const std::string& status,
                        const core::RunCounts& counts, const std::string& error) {
    connection_.requireNoTransaction("finish a run");
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.fixed(FixedStatement::FinishRun);
            st.setText(0, status);
            st.setText(1, error);
            st.setInteger(2, counts.read);
            st.setInteger(3, counts.inserted);
            st.setInteger(4, counts.updated);
            st.setInteger(5, counts.unchanged);
            st.setInteger(6, counts.deactivated);
            st.setInteger(7, counts.quarantined);
            st.setInteger(8, run_id);
            st.execute();
            if (st.affectedRows() == 0) {
                throw Error("CRM database: cannot finish run " + std::to_string(run_id) +
                            ": no such run");
            }
        },
        [&] { return "finish run " + std::to_string(run_id); });
}

std::optional<core::RunRow> SociRunLog::find(std::int64_t run_id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::RunRow> {
            auto& st = connection_.fixed(FixedStatement::SelectRun);
            st.setInteger(0, run_id);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return readRunRow(st);
        },
        [&] { return "read run " + std::to_string(run_id); });
}

std::vector<core::RunRow> SociRunLog::recent(std::size_t limit, std::int64_t before_id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(recentRunsSql(connection_.dialect()), "iii", 13);
            st.setInteger(0, before_id);
            st.setInteger(1, before_id);
            st.setInteger(2, static_cast<std::int64_t>(limit));
            std::vector<core::RunRow> rows;
            for (bool more = st.execute(); more; more = st.fetch()) {
                rows.push_back(readRunRow(st));
            }
            return rows;
        },
        [] { return std::string("list runs"); });
}

}  // namespace crmsync::crmdb
