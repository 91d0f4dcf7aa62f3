// What a push to 1C needs of the CRM side beyond the import's statements: its rows, the
// bindings of CRM ids, and re-binding a document's lines.
#include "adapters/crmdb/soci_crm_transaction.h"

namespace crmsync::crmdb {

std::optional<core::Binding> SociCrmTransaction::findBindingByCrmId(const std::string& entity,
                                                                    std::int64_t crm_id) {
    requireOpen();
    try {
        // (entity, crm_id) is unique in the schema, and its index answers this.
        auto& st = connection_.statement(
            "SELECT onec_key, content_hash, snapshot, onec_version FROM binding "
            "WHERE entity = :p0 AND crm_id = :p1",
            "ti", 4);
        st.setText(0, entity);
        st.setInteger(1, crm_id);
        if (!st.executeOnce()) {
            return std::nullopt;
        }
        return core::Binding{entity, st.text(0), crm_id, st.text(1), st.text(2), st.text(3)};
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "find binding of " + entity + " crm id " + std::to_string(crm_id));
    }
}

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
