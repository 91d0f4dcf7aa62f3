#include "mapping/reverse_mapper.h"

#include <charconv>

#include "crmcore/json_reader.h"

namespace crmsync::mapping {

namespace {

// The field's target as the mapping file writes it: names the field in errors.
std::string targetName(const FieldRule& rule) {
    return rule.attribute.empty() ? rule.column->name : "attributes." + rule.attribute;
}

core::RecordError fieldError(const FieldRule& rule, std::string message) {
    return core::RecordError{targetName(rule), std::move(message)};
}

std::optional<std::int64_t> integerOf(const std::string& text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// A column's stored text as the value 1C should get. nullopt when the text does not fit the
// column type (only possible if something other than crmsync wrote it).
std::optional<core::Value> typedValue(core::ColumnType type, const std::string& text) {
    switch (type) {
        case core::ColumnType::Decimal: {
            auto decimal = core::Decimal::parse(text);
            return decimal ? std::optional<core::Value>(std::move(*decimal)) : std::nullopt;
        }
        case core::ColumnType::Boolean:
            if (text == "1" || text == "0") {
                return core::Value(text == "1");
            }
            return std::nullopt;
        case core::ColumnType::Integer:
        case core::ColumnType::Reference: {
            auto integer = integerOf(text);
            return integer ? std::optional<core::Value>(*integer) : std::nullopt;
        }
        case core::ColumnType::Timestamp:
            return core::Value(core::DateTime{text});
        case core::ColumnType::Text:
        case core::ColumnType::Json:
            break;
    }
    return core::Value(text);
}

// The CRM row as the record the reverse steps see: column names as fields, typed values, the
// JSON attributes column as a nested value (so a <concat> part may read attributes/brand).
class CrmRowView {
public:
    CrmRowView(const core::EntitySpec& spec, const core::Row& row) {
        record_.entity = spec.name;
        for (const auto& cv : row) {
            const core::ColumnSpec* column = spec.column(cv.column);
            core::Value value;
            if (cv.text && column != nullptr && column->type == core::ColumnType::Json) {
                value = core::parseJson(*cv.text).value_or(core::Value(*cv.text));
            } else if (cv.text && column != nullptr) {
                value = typedValue(column->type, *cv.text).value_or(core::Value(*cv.text));
            } else if (cv.text) {
                value = core::Value(*cv.text);  // "active"
            }
            record_.fields.push_back({cv.column, std::move(value)});
        }
    }

    const core::Record& record() const { return record_; }

private:
    core::Record record_;
};

core::Result<core::Value> columnValue(const FieldRule& rule, const core::Row& crm_row) {
    const core::ColumnValue* cv = core::findColumn(crm_row, rule.column->name);
    if (cv == nullptr) {
        return fieldError(rule, "the CRM row has no column '" + rule.column->name + "'");
    }
    if (!cv->text) {
        return core::Value();
    }
    auto value = typedValue(rule.column->type, *cv->text);
    if (!value) {
        return fieldError(rule, "'" + *cv->text + "' in the CRM is not a valid value of its "
                                "column type");
    }
    return std::move(*value);
}

core::Result<core::Value> attributeValue(const FieldRule& rule, const core::Record& view) {
    const core::Value& column = view.get(rule.column->name);
    if (column.isNull()) {
        return core::Value();
    }
    const auto* members = std::get_if<core::Nested>(&column.data);
    if (members == nullptr) {
        return fieldError(rule, "column " + rule.column->name + " does not hold a JSON object");
    }
    for (const auto& member : *members) {
        if (member.name == rule.attribute) {
            return member.value;
        }
    }
    return core::Value();
}

// The 1C key of the CRM id in `value`, for a reverse chain that ends in <reference>.
std::optional<core::RecordError> toOneCKey(const FieldRule& rule, core::Value& value,
                                           KeyResolver& keys) {
    const std::string& entity = rule.reverse->reference_entity;
    std::optional<std::int64_t> id;
    if (const auto* i = std::get_if<std::int64_t>(&value.data)) {
        id = *i;
    } else {
        id = integerOf(value.toText());
    }
    if (!id) {
        std::string message = "'";  // appended, not added: GCC 12 warns (-Wrestrict) falsely
        message += value.toText();
        message += "' is not a CRM id of " + entity;
        return fieldError(rule, std::move(message));
    }
    auto key = keys.onecKey(entity, *id);
    if (!key) {
        return fieldError(rule, entity + " id " + std::to_string(*id) +
                                    " has no 1C key (never exchanged with 1C), so " +
                                    rule.reverse->onec_field + " cannot be filled");
    }
    value = core::Value(std::move(*key));
    return std::nullopt;
}

}  // namespace

core::Result<std::vector<core::Field>> mapReverse(const EntityMapping& mapping,
                                                  const core::Row& crm_row, KeyResolver& keys) {
    CrmRowView view(*mapping.spec, crm_row);
    std::vector<core::Field> properties;
    for (const auto& rule : mapping.fields) {
        if (rule.direction == Direction::FromOneC || !rule.reverse) {
            continue;
        }
        auto read = rule.attribute.empty() ? columnValue(rule, crm_row)
                                           : attributeValue(rule, view.record());
        if (!read.ok()) {
            return read.error();
        }
        core::Value value = std::move(read.value());
        for (const auto& step : rule.reverse->steps) {
            if (auto problem = step->apply(value, view.record())) {
                return fieldError(rule, std::move(*problem));
            }
        }
        if (!rule.reverse->reference_entity.empty() && !value.isNull()) {
            if (auto error = toOneCKey(rule, value, keys)) {
                return std::move(*error);
            }
        }
        properties.push_back({rule.reverse->onec_field, std::move(value)});
    }
    return properties;
}

}  // namespace crmsync::mapping
