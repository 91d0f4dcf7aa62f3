#include "adapters/crmdb/soci_change_reader.h"

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

std::vector<core::CrmChange> SociChangeReader::after(std::int64_t after_seq, std::size_t limit) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "SELECT seq, " + utcText("at", connection_.dialect()) +
                    ", table_name, row_id, op, columns, origin, actor FROM crm_change "
                    "WHERE seq > :p0 ORDER BY seq LIMIT :p1",
                "ii", 8);
            st.setInteger(0, after_seq);
            st.setInteger(1, static_cast<std::int64_t>(limit));
            std::vector<core::CrmChange> out;
            for (bool more = st.execute(); more; more = st.fetch()) {
                out.push_back({st.integer(0), st.text(1), st.text(2), st.integer(3), st.text(4),
                               st.text(5), st.text(6), st.text(7)});
            }
            return out;
        },
        [] { return std::string("read the CRM change log"); });
}

}  // namespace crmsync::crmdb
