#include "adapters/crmdb/soci_quarantine_reader.h"

namespace crmsync::crmdb {

std::vector<core::QuarantineRow> SociQuarantineReader::list(std::optional<std::int64_t> run_id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<core::QuarantineRow> rows;
            auto& st = connection_.statement(
                quarantineSql(connection_.dialect(), run_id.has_value()), run_id ? "i" : "", 11);
            if (run_id) {
                st.setInteger(0, *run_id);
            }
            for (bool more = st.execute(); more; more = st.fetch()) {
                core::QuarantineRow row;
                row.id = st.integer(0);
                row.at = st.text(1);
                row.run_id = st.integer(2);
                row.entity = st.text(3);
                row.onec_key = st.text(4);
                row.source_file = st.text(5);
                row.source_line = static_cast<std::size_t>(st.integer(6));
                row.reason = st.text(7);
                row.record_json = st.text(8);
                row.content_hash = st.text(9);
                if (!st.isNull(10)) {
                    row.resolved_run_id = st.integer(10);
                }
                rows.push_back(std::move(row));
            }
            return rows;
        },
        [] { return std::string("read quarantine"); });
}

std::vector<std::pair<std::string, std::string>> SociQuarantineReader::openKeys() {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<std::pair<std::string, std::string>> keys;
            auto& st = connection_.statement(openQuarantineKeysSql(), "", 2);
            for (bool more = st.execute(); more; more = st.fetch()) {
                keys.emplace_back(st.text(0), st.text(1));
            }
            return keys;
        },
        [] { return std::string("read open quarantine keys"); });
}

}  // namespace crmsync::crmdb
