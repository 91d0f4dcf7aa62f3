#include "adapters/crmdb/soci_change_log.h"

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

std::optional<std::string> SociChangeLog::lastEdit(const std::string& table, std::int64_t row_id,
                                                   const std::string& column) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&]() -> std::optional<std::string> {
            // columns is a JSON array of plain column names, which hold no quote.
            auto& st = connection.statement(
                "SELECT " + utcText("at", connection.dialect()) +
                    " FROM crm_change WHERE table_name = :p0 AND row_id = :p1 AND "
                    "columns LIKE :p2 AND origin = 'crm' ORDER BY seq DESC LIMIT 1",
                "tit", 1);
            st.setText(0, table);
            st.setInteger(1, row_id);
            st.setText(2, column.empty() ? std::string("%") : "%\"" + column + "\"%");
            if (!st.execute()) {
                return std::nullopt;
            }
            std::string at = st.text(0);
            st.finish();
            return at;
        },
        [&] { return "read the change log of " + table + " " + std::to_string(row_id); });
}

}  // namespace crmsync::crmdb
