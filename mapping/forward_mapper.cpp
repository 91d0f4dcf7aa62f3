#include "mapping/forward_mapper.h"

#include <algorithm>

#include "crmcore/error.h"
#include "mapping/value_conversion.h"

namespace crmsync::mapping {

std::vector<std::int64_t> ReferenceResolver::lookupIds(const core::EntitySpec& entity,
                                                        const core::Row&) {
    throw Error("<lookup> of " + entity.name + " needs the CRM database, which this evaluation "
                "does not have");
}

namespace {

core::RecordError fieldError(const FieldRule& rule, std::string message) {
    return core::RecordError{rule.label, std::move(message)};
}

// Members of the JSON attributes column, gathered while the rules run.
struct Attributes {
    const core::ColumnSpec* column = nullptr;
    core::Nested members;
};

void putId(const FieldRule& rule, std::optional<std::int64_t> id, core::Row& row,
           Attributes& attributes) {
    if (!rule.attribute.empty()) {
        attributes.column = rule.column;
        attributes.members.push_back({rule.attribute, id ? core::Value(*id) : core::Value()});
    } else {
        row.push_back({rule.column->name,
                       id ? std::optional<std::string>(std::to_string(*id)) : std::nullopt});
    }
}

// The values of a <lookup>'s matches; nullopt when the record carries none of their sources
// (a changes-only record that did not send them leaves the column alone).
std::optional<core::Row> lookupValues(const LookupRule& lookup, const core::Value* current,
                                      const core::Record& record) {
    core::Row match;
    bool any_present = false;
    for (const auto& m : lookup.matches) {
        const core::Value* value = m.source ? m.source->find(record) : current;
        any_present = any_present || value != nullptr;
        std::optional<std::string> text;
        if (value != nullptr && !isEmptyValue(*value)) {
            text = value->toText();
        }
        match.push_back({m.column->name, std::move(text)});
    }
    if (!any_present) {
        return std::nullopt;
    }
    return match;
}

std::optional<core::RecordError> evaluateLookup(const FieldRule& rule, const core::Value* current,
                                                const core::Record& record,
                                                ReferenceResolver& references, core::Row& row,
                                                Attributes& attributes) {
    const LookupRule& lookup = *rule.lookup;
    auto match = lookupValues(lookup, current, record);
    if (!match) {
        return rule.required ? std::optional(fieldError(rule, "required field is missing"))
                             : std::nullopt;
    }
    bool all_empty = std::all_of(match->begin(), match->end(),
                                 [](const core::ColumnValue& cv) { return !cv.text; });
    if (all_empty && rule.required) {
        return fieldError(rule, "required field is empty");
    }
    std::vector<std::int64_t> ids;
    if (!all_empty) {
        ids = references.lookupIds(*lookup.spec, *match);
    }
    if (ids.size() > 1) {
        return fieldError(rule, "ambiguous lookup: " + std::to_string(ids.size()) + " " +
                                    lookup.spec->name + " rows with " + describeMatch(*match));
    }
    if (ids.empty() && rule.required) {
        return fieldError(rule, "lookup found no " + lookup.spec->name + " with " +
                                    describeMatch(*match));
    }
    putId(rule, ids.empty() ? std::nullopt : std::optional(ids.front()), row, attributes);
    return std::nullopt;
}

// `source` (null: absent) through the rule's steps into `out`; a step's problem, if one fails.
std::optional<std::string> transform(const FieldRule& rule, const core::Value* source,
                                     const core::Record& record, core::Value& out) {
    out = source != nullptr ? *source : core::Value();
    for (const auto& step : rule.steps) {
        if (auto problem = step->apply(out, record)) {
            return problem;
        }
    }
    return std::nullopt;
}

std::optional<core::RecordError> evaluate(const FieldRule& rule, const core::Record& record,
                                          ReferenceResolver& references, core::Row& row,
                                          Attributes& attributes) {
    const core::Value* source = rule.source ? rule.source->find(record) : nullptr;
    if (rule.lookup && rule.steps.empty()) {
        return evaluateLookup(rule, source, record, references, row, attributes);
    }
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
        if (auto problem = transform(rule, source, record, transformed)) {
            return fieldError(rule, std::move(*problem));
        }
        value = &transformed;
    }
    if (rule.lookup) {
        return evaluateLookup(rule, value, record, references, row, attributes);
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
        putId(rule, id, row, attributes);
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

std::string describeMatch(const core::Row& match) {
    std::string out;
    for (const auto& cv : match) {
        out += (out.empty() ? "" : " ") + cv.column + "='" + cv.text.value_or("") + "'";
    }
    return out;
}

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

void forEachReference(const EntityMapping& mapping, const core::Record& record,
                      const std::function<void(const std::string& entity,
                                               const std::string& key)>& visit) {
    for (const auto& rule : mapping.fields) {
        if (rule.direction == Direction::ToOneC || rule.reference_entity.empty() || rule.lookup) {
            continue;
        }
        // As evaluate() reaches the reference: the source, through the steps, not empty.
        const core::Value* value = rule.source ? rule.source->find(record) : nullptr;
        if (value == nullptr && !rule.fills_absent) {
            continue;
        }
        core::Value transformed;
        if (!rule.steps.empty()) {
            if (transform(rule, value, record, transformed)) {
                continue;
            }
            value = &transformed;
        }
        if (value == nullptr || isEmptyValue(*value)) {
            continue;
        }
        visit(rule.reference_entity, value->toText());
    }
}

}  // namespace crmsync::mapping
