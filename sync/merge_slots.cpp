#include "sync/merge_slots.h"

#include <algorithm>

#include "crmcore/json_reader.h"
#include "crmcore/record.h"
#include "sync/row_json.h"

namespace crmsync::sync {

namespace {

core::Nested attributesOf(const core::Row& row, const std::string& column) {
    const core::ColumnValue* value = core::findColumn(row, column);
    if (value == nullptr || !value->text) {
        return {};
    }
    auto parsed = core::parseJson(*value->text);
    if (!parsed || !std::holds_alternative<core::Nested>(parsed->data)) {
        return {};
    }
    return std::get<core::Nested>(parsed->data);
}

}  // namespace

std::string MergeSlot::name() const {
    return attribute.empty() ? column : column + "." + attribute;
}

SlotValue MergeSlot::read(const core::Row& row) const {
    if (attribute.empty()) {
        const core::ColumnValue* value = core::findColumn(row, column);
        return value != nullptr ? value->text : std::nullopt;
    }
    for (const auto& field : attributesOf(row, column)) {
        if (field.name == attribute) {
            return field.value.isNull() ? std::nullopt : std::optional(core::toJson(field.value));
        }
    }
    return std::nullopt;
}

void MergeSlot::write(core::Row& row, const SlotValue& value) const {
    std::optional<std::string> text = value;
    if (!attribute.empty()) {
        core::Nested members = attributesOf(row, column);
        core::Value member;
        if (value) {
            member = core::parseJson(*value).value_or(core::Value(*value));
        }
        auto found = std::find_if(members.begin(), members.end(),
                                  [&](const core::Field& f) { return f.name == attribute; });
        if (found != members.end()) {
            found->value = std::move(member);
        } else {
            members.push_back({attribute, std::move(member)});
        }
        text = core::toJson(members);
    }
    for (auto& cv : row) {
        if (cv.column == column) {
            cv.text = std::move(text);
            return;
        }
    }
    row.push_back({column, std::move(text)});
}

std::vector<MergeSlot> mergeSlots(const mapping::EntityMapping& entity) {
    std::vector<MergeSlot> slots;
    for (const auto& rule : entity.fields) {
        if (rule.column == nullptr) {
            continue;
        }
        auto same = std::find_if(slots.begin(), slots.end(), [&](const MergeSlot& s) {
            return s.column == rule.column->name && s.attribute == rule.attribute;
        });
        if (same != slots.end()) {
            continue;
        }
        slots.push_back({rule.column->name, rule.attribute, rule.direction, rule.conflict,
                         rule.reverse ? rule.reverse->onec_field : std::string()});
    }
    // "active" both ways where 1C's deletion mark is mapped: a CRM deactivation is the CRM's
    // change, kept against a 1C record whose mark did not move (and sent to 1C as its mark),
    // and 1C's mark is taken like any change. Without the mark, a record's presence is all 1C
    // says: it reactivates a row of an entity that only comes from 1C (a price back in the
    // package), but not one the CRM pushes to 1C, whose deactivation is the CRM's to make.
    bool marked = std::any_of(entity.fields.begin(), entity.fields.end(), [](const auto& rule) {
        return rule.column != nullptr && rule.column->name == "deletion_mark";
    });
    mapping::Direction active = marked ? mapping::Direction::Both
                                : entity.direction == mapping::Direction::FromOneC
                                    ? mapping::Direction::FromOneC
                                    : mapping::Direction::ToOneC;
    slots.push_back({"active", "", active, mapping::ConflictPolicy::OneCWins, ""});
    return slots;
}

std::optional<core::Row> snapshotRow(const core::EntitySpec& spec, const std::string& snapshot) {
    auto parsed = core::parseJson(snapshot);
    if (!parsed || !std::holds_alternative<core::Nested>(parsed->data)) {
        return std::nullopt;
    }
    core::Row remembered;
    for (const auto& field : std::get<core::Nested>(parsed->data)) {
        remembered.push_back({field.name, field.value.isNull()
                                              ? std::nullopt
                                              : std::optional(field.value.toText())});
    }
    core::Row row;
    for (const auto& column : spec.columns) {
        row.push_back({column.name, std::nullopt});
    }
    return overlay(std::move(row), remembered);
}

}  // namespace crmsync::sync
