#include "adapters/crmdb/soci_conflict_reader.h"

#include "adapters/crmdb/conflict_rows.h"

namespace crmsync::crmdb {

std::vector<core::Conflict> SociConflictReader::list(const core::ConflictQuery& query) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::string sql = selectConflictSql(connection_.dialect()) + " WHERE 1 = 1";
            std::string kinds;
            std::size_t p = 0;
            for (const auto& [column, value] :
                 {std::pair{"status", &query.status}, std::pair{"entity", &query.entity}}) {
                if (*value) {
                    sql += std::string(" AND ") + column + " = :p" + std::to_string(p++);
                    kinds += 't';
                }
            }
            auto& st = connection_.statement(sql + " ORDER BY id", kinds, kConflictColumns);
            p = 0;
            for (const auto* value : {&query.status, &query.entity}) {
                if (*value) {
                    st.setText(p++, **value);
                }
            }
            std::vector<core::Conflict> out;
            for (bool more = st.execute(); more; more = st.fetch()) {
                out.push_back(readConflict(st));
            }
            return out;
        },
        [] { return std::string("list conflicts"); });
}

std::optional<core::Conflict> SociConflictReader::find(std::int64_t id) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::Conflict> {
            auto& st = connection_.statement(
                selectConflictSql(connection_.dialect()) + " WHERE id = :p0", "i",
                kConflictColumns);
            st.setInteger(0, id);
            if (!st.execute()) {
                return std::nullopt;
            }
            core::Conflict found = readConflict(st);
            st.finish();
            return found;
        },
        [&] { return "read conflict " + std::to_string(id); });
}

}  // namespace crmsync::crmdb
