#include "adapters/crmdb/soci_conflict_log.h"

#include "adapters/crmdb/conflict_rows.h"
#include "crmcore/schema.h"

namespace crmsync::crmdb {

namespace {

std::string conflictNow(core::SqlDialect dialect) { return core::sqlFor("{NOW}", dialect); }

}  // namespace

std::optional<core::Conflict> SociConflictLog::latest(const std::string& entity,
                                                      std::int64_t crm_id,
                                                      const std::string& field) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&]() -> std::optional<core::Conflict> {
            auto& st = connection.statement(
                selectConflictSql(connection.dialect()) +
                    " WHERE entity = :p0 AND crm_id = :p1 AND field = :p2 ORDER BY id DESC "
                    "LIMIT 1",
                "tit", kConflictColumns);
            st.setText(0, entity);
            st.setInteger(1, crm_id);
            st.setText(2, field);
            if (!st.execute()) {
                return std::nullopt;
            }
            core::Conflict found = readConflict(st);
            st.finish();
            return found;
        },
        [&] { return "read the conflict of " + entity + " " + std::to_string(crm_id) + " " + field; });
}

std::int64_t SociConflictLog::add(const core::Conflict& c) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&] {
            bool resolved = c.status != "open";
            auto& st = connection.statement(
                "INSERT INTO conflict (entity, crm_id, onec_key, field, base, crm_value, "
                "onec_value, crm_at, crm_origin, onec_at, onec_origin, lineage, run_id, status, "
                "policy, resolution, resolved_by, comment, resolved_at) VALUES (:p0, :p1, :p2, "
                ":p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, :p15, :p16, "
                ":p17, " + std::string(resolved ? conflictNow(connection.dialect()) : "NULL") +
                    ") RETURNING id",
                "tit" "ttttttttt" "i" "ttttt", 1);
            st.setText(0, c.entity);
            st.setInteger(1, c.crm_id);
            st.setText(2, c.onec_key);
            st.setText(3, c.field);
            st.setOptionalText(4, c.base);
            st.setOptionalText(5, c.crm);
            st.setOptionalText(6, c.onec);
            st.setText(7, c.crm_at);
            st.setText(8, c.crm_origin);
            st.setText(9, c.onec_at);
            st.setText(10, c.onec_origin);
            st.setText(11, c.lineage);
            st.setInteger(12, c.run_id);
            st.setText(13, c.status);
            st.setText(14, c.policy);
            st.setOptionalText(15, c.resolution);
            st.setText(16, c.resolved_by);
            st.setText(17, c.comment);
            st.execute();
            std::int64_t id = st.integer(0);
            st.finish();
            return id;
        },
        [&] { return "record the conflict of " + c.entity + " " + std::to_string(c.crm_id) +
                     " " + c.field; });
}

void SociConflictLog::update(const core::Conflict& c) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            auto& st = connection.statement(
                "UPDATE conflict SET crm_value = :p0, onec_value = :p1, crm_at = :p2, "
                "crm_origin = :p3, onec_at = :p4, onec_origin = :p5, lineage = :p6, "
                "run_id = :p7, onec_key = :p8, updated_at = " + conflictNow(connection.dialect()) +
                    " WHERE id = :p9 AND status = 'open'",
                "tttttttiti", 0);
            st.setOptionalText(0, c.crm);
            st.setOptionalText(1, c.onec);
            st.setText(2, c.crm_at);
            st.setText(3, c.crm_origin);
            st.setText(4, c.onec_at);
            st.setText(5, c.onec_origin);
            st.setText(6, c.lineage);
            st.setInteger(7, c.run_id);
            st.setText(8, c.onec_key);
            st.setInteger(9, c.id);
            st.execute();
        },
        [&] { return "update conflict " + std::to_string(c.id); });
}

void SociConflictLog::resolve(std::int64_t id, const std::optional<std::string>& value,
                              const std::string& policy, const std::string& by,
                              const std::string& comment) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    connection.guard(
        [&] {
            std::string time = conflictNow(connection.dialect());
            auto& st = connection.statement(
                "UPDATE conflict SET status = 'resolved', resolution = :p0, policy = :p1, "
                "resolved_by = :p2, comment = :p3, resolved_at = " + time +
                    ", updated_at = " + time + " WHERE id = :p4",
                "tttti", 0);
            st.setOptionalText(0, value);
            st.setText(1, policy);
            st.setText(2, by);
            st.setText(3, comment);
            st.setInteger(4, id);
            st.execute();
        },
        [&] { return "resolve conflict " + std::to_string(id); });
}

std::vector<std::string> SociConflictLog::openFields(const std::string& entity,
                                                     std::int64_t crm_id) {
    scope_.requireOpen();
    CrmConnection& connection = scope_.connection();
    return connection.guard(
        [&] {
            auto& st = connection.statement(
                "SELECT field FROM conflict WHERE entity = :p0 AND crm_id = :p1 AND "
                "status = 'open'",
                "ti", 1);
            st.setText(0, entity);
            st.setInteger(1, crm_id);
            std::vector<std::string> fields;
            for (bool more = st.execute(); more; more = st.fetch()) {
                fields.push_back(st.text(0));
            }
            return fields;
        },
        [&] { return "list the open conflicts of " + entity + " " + std::to_string(crm_id); });
}

}  // namespace crmsync::crmdb
