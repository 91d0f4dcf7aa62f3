#include "adapters/crmdb/soci_quarantine_reader.h"

namespace crmsync::crmdb {

std::vector<core::QuarantineRow> SociQuarantineReader::read(QuarantineFilter filter,
                                                            std::int64_t parameter) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<core::QuarantineRow> rows;
            bool bound = filter != QuarantineFilter::All;
            auto& st = connection_.statement(quarantineSql(connection_.dialect(), filter),
                                             bound ? "i" : "", 11);
            if (bound) {
                st.setInteger(0, parameter);
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

std::vector<core::QuarantineRow> SociQuarantineReader::list(std::optional<std::int64_t> run_id) {
    return run_id ? read(QuarantineFilter::ByRun, *run_id) : read(QuarantineFilter::All, 0);
}

std::optional<core::QuarantineRow> SociQuarantineReader::find(std::int64_t id) {
    auto rows = read(QuarantineFilter::ById, id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
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
