// What a push to 1C needs of the CRM side beyond the import's statements: the rows to look
// at, and re-binding a document's lines.
#include "adapters/crmdb/soci_crm_transaction.h"

namespace crmsync::crmdb {

std::vector<std::int64_t> SociCrmTransaction::activeRowIds(const core::EntitySpec& entity) {
    requireOpen();
    std::vector<std::int64_t> ids;
    try {
        auto& st = connection_.statement(
            "SELECT id FROM " + entity.table + " WHERE active = 1 ORDER BY id", "", 1);
        for (bool row = st.execute(); row; row = st.fetch()) {
            ids.push_back(st.integer(0));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "list the active rows of " + entity.name);
    }
    return ids;
}

void SociCrmTransaction::deleteBinding(const std::string& entity, const std::string& onec_key) {
    requireOpen();
    try {
        auto& st = connection_.statement(
            "DELETE FROM binding WHERE entity = :p0 AND onec_key = :p1", "tt", 0);
        st.setText(0, entity);
        st.setText(1, onec_key);
        st.execute();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "delete binding " + entity + " " + onec_key);
    }
}

}  // namespace crmsync::crmdb
