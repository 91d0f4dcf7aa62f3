#include "adapters/crmdb/soci_binding_store.h"

#include "adapters/crmdb/pg_write_buffer.h"

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

std::vector<core::Binding> SociBindingStore::findMany(const std::string& entity,
                                                     const std::vector<std::string>& onec_keys) {
    scope_.requireOpen();
    std::vector<core::Binding> found;
    PgWriteBuffer* writes = scope_.writes();
    if (writes == nullptr) {
        for (const auto& key : onec_keys) {
            if (auto binding = find(entity, key)) {
                found.push_back(std::move(*binding));
            }
        }
        return found;
    }
    std::vector<std::optional<std::string>> asked;
    for (const auto& key : onec_keys) {
        if (const core::Binding* kept = writes->binding(entity, key)) {
            found.push_back(*kept);
        } else {
            asked.emplace_back(key);
        }
    }
    if (asked.empty()) {
        return found;
    }
    // While the batch before commits on the other connection, its bindings are not yet
    // visible here: they come from what it wrote, and the rest from the server at once.
    const CrmConnection* committing = connection().sibling();
    const auto* written = committing != nullptr ? committing->inFlightBindings() : nullptr;
    std::optional<CrmConnection::BesideSibling> beside;
    if (written != nullptr) {
        beside.emplace();
        std::vector<std::optional<std::string>> still_asked;
        for (auto& key : asked) {
            auto it = written->find(PgWriteBuffer::bindingSlot(entity, *key));
            if (it != written->end()) {
                found.push_back(it->second);
            } else {
                still_asked.push_back(std::move(key));
            }
        }
        asked.swap(still_asked);
        if (asked.empty()) {
            return found;
        }
    }
    connection().guard(
        [&] {
            auto& st = connection().statement(
                "SELECT onec_key, crm_id, content_hash, snapshot, onec_version FROM binding "
                "WHERE entity = :p0 AND onec_key = ANY(CAST(:p1 AS text[]))",
                "tt", 5);
            st.setText(0, entity);
            st.setText(1, pgArrayLiteral(asked));
            for (bool row = st.execute(); row; row = st.fetch()) {
                found.push_back(core::Binding{entity, st.text(0), st.integer(1), st.text(2),
                                              st.text(3), st.text(4)});
            }
        },
        [&] {
            return "find " + std::to_string(asked.size()) + " bindings of " + entity;
        });
    return found;
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

void SociBindingStore::save(const core::Binding& binding) { write(binding, false); }

void SociBindingStore::insert(const core::Binding& binding) { write(binding, true); }

void SociBindingStore::write(const core::Binding& binding, bool known_unbound) {
    scope_.requireOpen();
    if (PgWriteBuffer* writes = scope_.writes()) {
        writes->saveBinding(binding, known_unbound);
        return;
    }
    connection().guard(
        [&] {
            auto& st = connection().fixed(known_unbound ? FixedStatement::InsertBinding
                                                        : FixedStatement::SaveBinding);
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
            return (known_unbound ? "bind " : "save binding ") + binding.entity + " " +
                   binding.onec_key + " -> crm id " +
                   std::to_string(binding.crm_id);
        });
}

void SociBindingStore::remove(const std::string& entity, const std::string& onec_key) {
    scope_.requireOpen();
    if (PgWriteBuffer* writes = scope_.writes()) {
        writes->forgetBinding(entity, onec_key);
        writes->noteDirectBindingWrite();
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
