#include "adapters/crmdb/soci_crm_rows.h"

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

ColumnSet SociCrmRows::resolve(const core::EntitySpec& spec, const core::Row& values) {
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

void SociCrmRows::bindValues(PreparedStatement& statement, const core::EntitySpec& spec,
                             const core::Row& values) {
    const bool sqlite = connection().dialect() == core::SqlDialect::Sqlite;
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

std::int64_t SociCrmRows::insert(const core::EntitySpec& entity, const core::Row& values) {
    scope_.requireOpen();
    ColumnSet set = resolve(entity, values);
    return connection().guard(
        [&] {
            auto& st = connection().insertRow(entity, set);
            bindValues(st, entity, values);
            if (connection().dialect() == core::SqlDialect::Sqlite) {
                st.execute();
                return connection().sqliteLastInsertId();
            }
            if (!st.executeOnce()) {
                throw Error("CRM database: insert into " + entity.table + " returned no id");
            }
            return st.integer(0);
        },
        [&] { return "insert into " + entity.table; });
}

core::Row SociCrmRows::read(const core::EntitySpec& entity, std::int64_t id) {
    scope_.requireOpen();
    return connection().guard(
        [&] {
            auto& st = connection().selectRow(entity);
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
        },
        [&] { return "read " + describe(entity, id); });
}

void SociCrmRows::update(const core::EntitySpec& entity, std::int64_t id,
                         const core::Row& values) {
    scope_.requireOpen();
    if (values.empty()) {
        return;
    }
    ColumnSet set = resolve(entity, values);
    connection().guard(
        [&] {
            auto& st = connection().updateRow(entity, set);
            bindValues(st, entity, values);
            st.setInteger(static_cast<std::size_t>(std::popcount(set)), id);
            st.execute();
            if (st.affectedRows() == 0) {
                throw Error("CRM database: cannot update " + describe(entity, id) +
                            ": no such row");
            }
        },
        [&] { return "update " + describe(entity, id); });
}

std::vector<std::int64_t> SociCrmRows::findIds(const core::EntitySpec& entity,
                                               const core::Row& match) {
    scope_.requireOpen();
    return findRowIds(connection(), entity, match);
}

std::vector<std::int64_t> SociCrmRows::activeIds(const core::EntitySpec& entity) {
    scope_.requireOpen();
    return connection().guard(
        [&] {
            std::vector<std::int64_t> ids;
            auto& st = connection().statement(
                "SELECT id FROM " + entity.table + " WHERE active = 1 ORDER BY id", "", 1);
            for (bool row = st.execute(); row; row = st.fetch()) {
                ids.push_back(st.integer(0));
            }
            return ids;
        },
        [&] { return "list the active rows of " + entity.name; });
}

}  // namespace crmsync::crmdb
