#include "adapters/crmdb/conflict_rows.h"

#include "adapters/crmdb/crm_sql.h"

namespace crmsync::crmdb {

std::string selectConflictSql(core::SqlDialect dialect) {
    return "SELECT id, entity, crm_id, onec_key, field, base, crm_value, onec_value, crm_at, "
           "crm_origin, onec_at, onec_origin, lineage, run_id, " +
           utcText("opened_at", dialect) + ", " + utcText("updated_at", dialect) +
           ", status, policy, resolution, resolved_by, " + utcText("resolved_at", dialect) +
           ", comment FROM conflict";
}

core::Conflict readConflict(const PreparedStatement& st) {
    core::Conflict c;
    c.id = st.integer(0);
    c.entity = st.text(1);
    c.crm_id = st.integer(2);
    c.onec_key = st.text(3);
    c.field = st.text(4);
    c.base = st.optionalText(5);
    c.crm = st.optionalText(6);
    c.onec = st.optionalText(7);
    c.crm_at = st.text(8);
    c.crm_origin = st.text(9);
    c.onec_at = st.text(10);
    c.onec_origin = st.text(11);
    c.lineage = st.text(12);
    c.run_id = st.integer(13);
    c.opened_at = st.text(14);
    c.updated_at = st.text(15);
    c.status = st.text(16);
    c.policy = st.text(17);
    c.resolution = st.optionalText(18);
    c.resolved_by = st.text(19);
    c.resolved_at = st.isNull(20) ? std::string() : st.text(20);
    c.comment = st.text(21);
    return c;
}

}  // namespace crmsync::crmdb
