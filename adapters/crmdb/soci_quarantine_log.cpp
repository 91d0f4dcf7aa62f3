#include "adapters/crmdb/soci_quarantine_log.h"

namespace crmsync::crmdb {

bool SociQuarantineLog::add(const core::QuarantineEntry& entry) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&] {
            auto& open = connection.fixed(FixedStatement::FindOpenQuarantine);
            open.setText(0, entry.entity);
            open.setText(1, entry.onec_key);
            open.setText(2, entry.content_hash);
            if (open.executeOnce()) {
                return false;
            }
            auto& st = connection.fixed(FixedStatement::AddQuarantine);
            st.setInteger(0, entry.run_id);
            st.setText(1, entry.entity);
            st.setText(2, entry.onec_key);
            st.setText(3, entry.source_file);
            st.setInteger(4, static_cast<std::int64_t>(entry.source_line));
            st.setText(5, entry.reason);
            st.setText(6, entry.record_json);
            st.setText(7, entry.content_hash);
            st.execute();
            return true;
        },
        [&] { return "quarantine " + entry.entity + " " + entry.onec_key; });
}

void SociQuarantineLog::resolve(const std::string& entity, const std::string& onec_key,
                                std::int64_t run_id) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.fixed(FixedStatement::ResolveQuarantine);
            st.setInteger(0, run_id);
            st.setText(1, entity);
            st.setText(2, onec_key);
            st.execute();
        },
        [&] { return "resolve quarantine of " + entity + " " + onec_key; });
}

}  // namespace crmsync::crmdb
