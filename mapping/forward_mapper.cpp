#include "mapping/forward_mapper.h"

#include "mapping/value_conversion.h"

namespace crmsync::mapping {

namespace {

core::RecordError fieldError(const FieldRule& rule, std::string message) {
    return core::RecordError{rule.label, std::move(message)};
}

// Members of the JSON attributes column, gathered while the rules run.
struct Attributes {
    const core::ColumnSpec* column = nullptr;
    core::Nested members;
};

std::optional<core::RecordError> evaluate(const FieldRule& rule, const core::Record& record,
                                          ReferenceResolver& references, core::Row& row,
                                          Attributes& attributes) {
    const core::Value* source = rule.source ? rule.source->find(record) : nullptr;
    if (source == nullptr && !rule.fills_absent) {
        if (rule.required) {
            return fieldError(rule, "required field is missing");
        }
        return std::nullopt;
    }
    // Most rules have no transforms: they read the record's value in place, without a copy.
    core::Value transformed;
    const core::Value* value = source;
    if (!rule.steps.empty()) {
        transformed = source != nullptr ? *source : core::Value();
        for (const auto& step : rule.steps) {
            if (auto problem = step->apply(transformed, record)) {
                return fieldError(rule, std::move(*problem));
            }
        }
        value = &transformed;
    }
    if (isEmptyValue(*value)) {
        if (rule.required) {
            return fieldError(rule, "required field is empty");
        }
        if (rule.attribute.empty()) {
            row.push_back({rule.column->name, std::nullopt});
        } else {
            attributes.column = rule.column;
            attributes.members.push_back({rule.attribute, core::Value()});
        }
        return std::nullopt;
    }
    if (!rule.reference_entity.empty()) {
        std::string key = value->toText();
        auto id = references.crmId(rule.reference_entity, key);
        if (!id && rule.required) {
            return fieldError(rule, "unknown " + rule.reference_entity + " '" + key + "'");
        }
        if (!rule.attribute.empty()) {
            attributes.column = rule.column;
            attributes.members.push_back({rule.attribute, id ? core::Value(*id) : core::Value()});
        } else {
            row.push_back({rule.column->name,
                           id ? std::optional<std::string>(std::to_string(*id)) : std::nullopt});
        }
        return std::nullopt;
    }
    if (!rule.attribute.empty()) {
        attributes.column = rule.column;
        attributes.members.push_back({rule.attribute, *value});
        return std::nullopt;
    }
    auto converted = convertValue(*value, rule.column->type);
    if (!converted.ok()) {
        return fieldError(rule, converted.error().message);
    }
    row.push_back({rule.column->name, std::move(converted.value())});
    return std::nullopt;
}

}  // namespace

core::Result<core::Row> mapForward(const EntityMapping& mapping, const core::Record& record,
                                   ReferenceResolver& references) {
    core::Row row;
    row.reserve(mapping.fields.size() + 1);
    Attributes attributes;
    for (const auto& rule : mapping.fields) {
        if (rule.direction == Direction::ToOneC) {
            continue;
        }
        if (auto error = evaluate(rule, record, references, row, attributes)) {
            return std::move(*error);
        }
    }
    if (attributes.column != nullptr) {
        row.push_back({attributes.column->name, core::toJson(attributes.members)});
    }
    return row;
}

}  // namespace crmsync::mapping
