#include "mapping/forward_mapper.h"

#include "mapping/value_conversion.h"

namespace crmsync::mapping {

namespace {

core::RecordError fieldError(const FieldRule& rule, std::string message) {
    return core::RecordError{rule.source, std::move(message)};
}

bool isEmpty(const core::Value& value) {
    if (value.isNull()) {
        return true;
    }
    const auto* s = std::get_if<std::string>(&value.data);
    return s != nullptr && s->find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

core::Result<core::Row> mapForward(const EntityMapping& mapping, const core::EntitySpec& spec,
                                   const core::Record& record, ReferenceResolver& references) {
    core::Row row;
    row.reserve(mapping.fields.size() + 1);
    for (const auto& rule : mapping.fields) {
        const core::ColumnSpec* column = spec.column(rule.column);
        if (column == nullptr) {
            return fieldError(rule, "mapping targets unknown column " + spec.table + "." +
                                        rule.column);
        }
        if (!record.has(rule.source)) {
            if (rule.required) {
                return fieldError(rule, "required field is missing");
            }
            continue;
        }
        const core::Value& value = record.get(rule.source);
        if (isEmpty(value)) {
            if (rule.required) {
                return fieldError(rule, "required field is empty");
            }
            row.push_back({rule.column, std::nullopt});
            continue;
        }
        if (column->type == core::ColumnType::Reference) {
            std::string key = value.toText();
            auto id = references.crmId(column->references, key);
            if (!id) {
                if (rule.required) {
                    return fieldError(rule, "unknown " + column->references + " '" + key + "'");
                }
                row.push_back({rule.column, std::nullopt});
                continue;
            }
            row.push_back({rule.column, std::to_string(*id)});
            continue;
        }
        auto converted = convertValue(value, column->type);
        if (!converted.ok()) {
            return fieldError(rule, converted.error().message);
        }
        row.push_back({rule.column, std::move(converted.value())});
    }
    return row;
}

}  // namespace crmsync::mapping
