#include "adapters/crmdb/soci_crm_transaction.h"

#include <bit>

#include "adapters/crmdb/column_text.h"
#include "adapters/crmdb/row_lookup.h"
#include "crmcore/decimal.h"
#include "crmcore/error.h"

namespace crmsync::crmdb {

namespace {

std::string describe(const core::EntitySpec& spec, std::int64_t id) {
    return spec.name + " id " + std::to_string(id);
}

}  // namespace

SociCrmTransaction::SociCrmTransaction(CrmConnection& connection)
    : connection_(connection), journal_(connection) {
    connection_.begin();
}

SociCrmTransaction::~SociCrmTransaction() {
    if (open_) {
        connection_.rollback();
    }
}

void SociCrmTransaction::requireOpen() const {
    if (!open_) {
        throw Error("CRM database: the transaction was already committed");
    }
}

ColumnSet SociCrmTransaction::resolve(const core::EntitySpec& spec, const core::Row& values) {
    ColumnSet set = 0;
    columns_.clear();
    for (const auto& value : values) {
        int index = -1;
        ColumnSet bit = kActiveColumn;
        if (value.column != "active") {
            const core::ColumnSpec* column = spec.column(value.column);
            if (column == nullptr) {
                throw Error("CRM database: " + spec.name + " has no column '" + value.column +
                            "'");
            }
            index = static_cast<int>(column - spec.columns.data());
            bit = ColumnSet{1} << index;
        }
        if (set & bit) {
            throw Error("CRM database: column '" + value.column + "' of " + spec.name +
                        " given twice");
        }
        set |= bit;
        columns_.push_back(index);
    }
    // Parameters follow "active" first, then catalog order (crm_sql.h).
    slots_.clear();
    std::size_t active = (set & kActiveColumn) ? 1 : 0;
    for (int index : columns_) {
        if (index < 0) {
            slots_.push_back(0);
        } else {
            ColumnSet below = set & ((ColumnSet{1} << index) - 1);
            slots_.push_back(active + static_cast<std::size_t>(std::popcount(below)));
        }
    }
    return set;
}

void SociCrmTransaction::bindValues(PreparedStatement& statement, const core::EntitySpec& spec,
                                    const core::Row& values) {
    const bool sqlite = connection_.dialect() == core::SqlDialect::Sqlite;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& text = values[i].text;
        std::size_t slot = slots_[i];
        if (!text || columns_[i] < 0) {
            statement.setOptionalText(slot, text);
            continue;
        }
        core::ColumnType type = spec.columns[static_cast<std::size_t>(columns_[i])].type;
        if (type == core::ColumnType::Decimal) {
            // Checked on both databases, so that SQLite refuses what PostgreSQL's NUMERIC
            // would, and PostgreSQL refuses what Decimal cannot hold (NaN, exponents).
            auto decimal = core::Decimal::parse(*text);
            if (!decimal) {
                throw Error("CRM database: " + spec.name + "." + values[i].column + ": '" +
                            *text + "' is not a decimal");
            }
            statement.setText(slot, decimal->toString());
        } else if (sqlite && type == core::ColumnType::Timestamp) {
            statement.setText(slot, normalizeTimestamp(*text));
        } else {
            statement.setText(slot, std::string_view(*text));
        }
    }
}

std::optional<core::Binding> SociCrmTransaction::findBinding(const std::string& entity,
                                                             const std::string& onec_key) {
    requireOpen();
    try {
        auto& st = connection_.fixed(FixedStatement::FindBinding);
        st.setText(0, entity);
        st.setText(1, onec_key);
        if (!st.executeOnce()) {
            return std::nullopt;
        }
        return core::Binding{entity, onec_key, st.integer(0), st.text(1), st.text(2),
                             st.text(3)};
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "find binding of " + entity + " " + onec_key);
    }
}

std::int64_t SociCrmTransaction::insertRow(const core::EntitySpec& entity,
                                           const core::Row& values) {
    requireOpen();
    ColumnSet set = resolve(entity, values);
    try {
        auto& st = connection_.insertRow(entity, set);
        bindValues(st, entity, values);
        if (connection_.dialect() == core::SqlDialect::Sqlite) {
            st.execute();
            return connection_.sqliteLastInsertId();
        }
        if (!st.executeOnce()) {
            throw Error("CRM database: insert into " + entity.table + " returned no id");
        }
        return st.integer(0);
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "insert into " + entity.table);
    }
}

core::Row SociCrmTransaction::readRow(const core::EntitySpec& entity, std::int64_t id) {
    requireOpen();
    try {
        auto& st = connection_.selectRow(entity);
        st.setInteger(0, id);
        if (!st.executeOnce()) {
            throw Error("CRM database: " + describe(entity, id) + " does not exist");
        }
        core::Row row;
        row.reserve(entity.columns.size() + 1);
        for (std::size_t i = 0; i < entity.columns.size(); ++i) {
            std::optional<std::string> text;
            if (!st.isNull(i + 1)) {
                text = canonicalText(entity.columns[i].type, st.text(i + 1));
            }
            row.push_back({entity.columns[i].name, std::move(text)});
        }
        row.push_back({"active", st.optionalText(0)});
        return row;
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "read " + describe(entity, id));
    }
}

void SociCrmTransaction::updateRow(const core::EntitySpec& entity, std::int64_t id,
                                   const core::Row& values) {
    requireOpen();
    if (values.empty()) {
        return;
    }
    ColumnSet set = resolve(entity, values);
    try {
        auto& st = connection_.updateRow(entity, set);
        bindValues(st, entity, values);
        st.setInteger(static_cast<std::size_t>(std::popcount(set)), id);
        st.execute();
        if (st.affectedRows() == 0) {
            throw Error("CRM database: cannot update " + describe(entity, id) +
                        ": no such row");
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "update " + describe(entity, id));
    }
}

std::vector<std::int64_t> SociCrmTransaction::findRowIds(const core::EntitySpec& entity,
                                                         const core::Row& match) {
    requireOpen();
    return crmdb::findRowIds(connection_, entity, match);
}

std::optional<core::Binding> SociCrmTransaction::findBindingOfRow(const std::string& entity,
                                                                 std::int64_t crm_id) {
    requireOpen();
    return crmdb::findBindingOfRow(connection_, entity, crm_id);
}

void SociCrmTransaction::saveBinding(const core::Binding& binding) {
    requireOpen();
    try {
        auto& st = connection_.fixed(FixedStatement::SaveBinding);
        st.setText(0, binding.entity);
        st.setText(1, binding.onec_key);
        st.setInteger(2, binding.crm_id);
        st.setText(3, binding.content_hash);
        st.setText(4, binding.snapshot);
        st.setText(5, binding.onec_version);
        if (transactionTimeParameter(connection_.dialect())) {
            st.setText(6, connection_.transactionTime());
        }
        st.execute();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "save binding " + binding.entity + " " + binding.onec_key +
                                " -> crm id " + std::to_string(binding.crm_id));
    }
}

void SociCrmTransaction::visitActiveBindings(
    const core::EntitySpec& entity,
    const std::function<void(const std::string&, std::int64_t)>& visit) {
    requireOpen();
    try {
        auto& st = connection_.statement(activeBindingsSql(entity), "t", 2);
        st.setText(0, entity.name);
        for (bool row = st.execute(); row; row = st.fetch()) {
            visit(st.text(0), st.integer(1));
        }
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "list active bindings of " + entity.name);
    }
}

void SociCrmTransaction::appendJournal(const core::JournalEntry& entry) {
    requireOpen();
    journal_.append(entry);
}

bool SociCrmTransaction::addQuarantine(const core::QuarantineEntry& entry) {
    requireOpen();
    try {
        auto& open = connection_.fixed(FixedStatement::FindOpenQuarantine);
        open.setText(0, entry.entity);
        open.setText(1, entry.onec_key);
        open.setText(2, entry.content_hash);
        if (open.executeOnce()) {
            return false;
        }
        auto& st = connection_.fixed(FixedStatement::AddQuarantine);
        st.setInteger(0, entry.run_id);
        st.setText(1, entry.entity);
        st.setText(2, entry.onec_key);
        st.setText(3, entry.source_file);
        st.setInteger(4, static_cast<std::int64_t>(entry.source_line));
        st.setText(5, entry.reason);
        st.setText(6, entry.record_json);
        st.setText(7, entry.content_hash);
        st.execute();
        return true;
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "quarantine " + entry.entity + " " + entry.onec_key);
    }
}

void SociCrmTransaction::resolveQuarantine(const std::string& entity,
                                           const std::string& onec_key, std::int64_t run_id) {
    requireOpen();
    try {
        auto& st = connection_.fixed(FixedStatement::ResolveQuarantine);
        st.setInteger(0, run_id);
        st.setText(1, entity);
        st.setText(2, onec_key);
        st.execute();
    } catch (const soci::soci_error& e) {
        connection_.fail(e, "resolve quarantine of " + entity + " " + onec_key);
    }
}

void SociCrmTransaction::commit() {
    requireOpen();
    journal_.flush();
    open_ = false;
    connection_.commit();
}

}  // namespace crmsync::crmdb
