#include "adapters/crmdb/soci_imported_files.h"

namespace crmsync::crmdb {

std::optional<std::int64_t> SociImportedFiles::runOf(const std::string& digest) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<std::int64_t> {
            auto& st = connection_.statement(
                "SELECT run_id FROM exchange_file WHERE digest = :p0", "t", 1);
            st.setText(0, digest);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return st.integer(0);
        },
        [] { return std::string("read exchange_file"); });
}

void SociImportedFiles::record(const std::string& digest, const std::string& name,
                               std::int64_t run_id) {
    connection_.requireNoTransaction("record an imported file");
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "INSERT INTO exchange_file (digest, name, run_id) VALUES (:p0, :p1, :p2) "
                "ON CONFLICT (digest) DO UPDATE SET name = excluded.name, "
                "run_id = excluded.run_id",
                "tti", 0);
            st.setText(0, digest);
            st.setText(1, name);
            st.setInteger(2, run_id);
            st.execute();
        },
        [] { return std::string("write exchange_file"); });
}

}  // namespace crmsync::crmdb
