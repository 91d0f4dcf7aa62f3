#include "adapters/crmdb/soci_crm_rows.h"

#include <bit>
#include <charconv>

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

std::string SociCrmRows::checkedText(const core::EntitySpec& spec, std::size_t value,
                                     const core::Row& values) {
    const std::string& text = *values[value].text;
    core::ColumnType type = spec.columns[static_cast<std::size_t>(columns_[value])].type;
    if (type == core::ColumnType::Decimal) {
        auto decimal = core::Decimal::parse(text);
        if (!decimal) {
            throw Error("CRM database: " + spec.name + "." + values[value].column + ": '" + text +
                        "' is not a decimal");
        }
        return decimal->toString();
    }
    return text;
}

std::int64_t SociCrmRows::keepInsert(PgWriteBuffer& writes, const core::EntitySpec& entity,
                                     ColumnSet set, const core::Row& values) {
    std::vector<std::optional<std::string>> params(values.size());
    references_.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i].text || columns_[i] < 0) {
            params[slots_[i]] = values[i].text;
            continue;
        }
        params[slots_[i]] = checkedText(entity, i, values);
        const core::ColumnSpec& column = entity.columns[static_cast<std::size_t>(columns_[i])];
        if (column.type == core::ColumnType::Reference) {
            std::int64_t id = 0;
            const std::string& text = *params[slots_[i]];
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
            if (ec == std::errc() && end == text.data() + text.size()) {
                references_.emplace_back(column.references, id);
            }
        }
    }
    std::int64_t id = connection().reserveId(entity);
    writes.insert(entity, set, id, std::move(params), references_);
    return id;
}

std::int64_t SociCrmRows::insert(const core::EntitySpec& entity, const core::Row& values) {
    scope_.requireOpen();
    ColumnSet set = resolve(entity, values);
    if (PgWriteBuffer* writes = scope_.writes()) {
        return keepInsert(*writes, entity, set, values);
    }
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
    auto row = tryRead(entity, id);
    if (!row) {
        throw Error("CRM database: " + describe(entity, id) + " does not exist");
    }
    return std::move(*row);
}

std::optional<core::Row> SociCrmRows::tryRead(const core::EntitySpec& entity, std::int64_t id) {
    scope_.requireOpen();
    if (scope_.writes() != nullptr && scope_.writes()->pending(id)) {
        scope_.flushWrites();
    }
    return connection().guard(
        [&]() -> std::optional<core::Row> {
            auto& st = connection().selectRow(entity);
            st.setInteger(0, id);
            if (!st.executeOnce()) {
                return std::nullopt;
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
    if (PgWriteBuffer* writes = scope_.writes(); writes != nullptr && !writes->empty()) {
        // The row, or a row it now refers to, may be one kept for later.
        bool flush = writes->pending(id);
        for (std::size_t i = 0; i < values.size() && !flush; ++i) {
            flush = columns_[i] >= 0 && values[i].text &&
                    entity.columns[static_cast<std::size_t>(columns_[i])].type ==
                        core::ColumnType::Reference;
        }
        if (flush) {
            scope_.flushWrites();
        }
    }
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
    scope_.flushWrites();
    return findRowIds(connection(), entity, match);
}

}  // namespace crmsync::crmdb
