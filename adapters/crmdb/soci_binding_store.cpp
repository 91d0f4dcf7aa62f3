#include "adapters/crmdb/soci_binding_store.h"

namespace crmsync::crmdb {

std::optional<core::Binding> SociBindingStore::find(const std::string& entity,
                                                    const std::string& onec_key) {
    scope_.requireOpen();
    if (PgWriteBuffer* writes = scope_.writes()) {
        if (const core::Binding* kept = writes->binding(entity, onec_key)) {
            return *kept;
        }
    }
    return connection().guard(
        [&]() -> std::optional<core::Binding> {
            auto& st = connection().fixed(FixedStatement::FindBinding);
            st.setText(0, entity);
            st.setText(1, onec_key);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::Binding{entity,     onec_key,   st.integer(0),
                                 st.text(1), st.text(2), st.text(3)};
        },
        [&] { return "find binding of " + entity + " " + onec_key; });
}

std::optional<core::Binding> SociBindingStore::findOfRow(const std::string& entity,
                                                         std::int64_t crm_id) {
    scope_.requireOpen();
    scope_.flushWrites();
    return connection().guard(
        [&]() -> std::optional<core::Binding> {
            auto& st = connection().statement(
                "SELECT onec_key, content_hash, snapshot, onec_version FROM binding "
                "WHERE entity = :p0 AND crm_id = :p1",
                "ti", 4);
            st.setText(0, entity);
            st.setInteger(1, crm_id);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return core::Binding{entity,     st.text(0), crm_id,
                                 st.text(1), st.text(2), st.text(3)};
        },
        [&] { return "find the binding of " + entity + " id " + std::to_string(crm_id); });
}

void SociBindingStore::save(const core::Binding& binding) {
    scope_.requireOpen();
    if (PgWriteBuffer* writes = scope_.writes()) {
        writes->saveBinding(binding);
        return;
    }
    connection().guard(
        [&] {
            auto& st = connection().fixed(FixedStatement::SaveBinding);
            st.setText(0, binding.entity);
            st.setText(1, binding.onec_key);
            st.setInteger(2, binding.crm_id);
            st.setText(3, binding.content_hash);
            st.setText(4, binding.snapshot);
            st.setText(5, binding.onec_version);
            if (transactionTimeParameter(connection().dialect())) {
                st.setText(6, connection().transactionTime());
            }
            st.execute();
        },
        [&] {
            return "save binding " + binding.entity + " " + binding.onec_key + " -> crm id " +
                   std::to_string(binding.crm_id);
        });
}

void SociBindingStore::remove(const std::string& entity, const std::string& onec_key) {
    scope_.requireOpen();
    if (PgWriteBuffer* writes = scope_.writes()) {
        writes->forgetBinding(entity, onec_key);
    }
    connection().guard(
        [&] {
            auto& st = connection().statement(
                "DELETE FROM binding WHERE entity = :p0 AND onec_key = :p1", "tt", 0);
            st.setText(0, entity);
            st.setText(1, onec_key);
            st.execute();
        },
        [&] { return "delete binding " + entity + " " + onec_key; });
}

void SociBindingStore::visitActive(
    const core::EntitySpec& entity,
    const std::function<void(const std::string&, std::int64_t)>& visit) {
    scope_.requireOpen();
    scope_.flushWrites();
    connection().guard(
        [&] {
            auto& st = connection().statement(activeBindingsSql(entity), "t", 2);
            st.setText(0, entity.name);
            for (bool row = st.execute(); row; row = st.fetch()) {
                visit(st.text(0), st.integer(1));
            }
        },
        [&] { return "list active bindings of " + entity.name; });
}

}  // namespace crmsync::crmdb
