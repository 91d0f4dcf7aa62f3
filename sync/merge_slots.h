#pragma once
// The units a three-way merge decides on: each CRM column a mapping fills, and each key of the
// JSON attributes column separately (the CRM's own keys there are not 1C's business). A slot
// reads and writes its value on a row as column text; an attribute's value is its JSON text,
// so that its type survives a round trip.
#include <optional>
#include <string>
#include <vector>

#include "crmcore/entity_catalog.h"
#include "mapping/entity_mapping.h"

namespace crmsync::sync {

using SlotValue = std::optional<std::string>;  // nullopt: NULL or absent

struct MergeSlot {
    std::string column;
    std::string attribute;  // key inside the attributes column; "" for a plain column
    mapping::Direction direction = mapping::Direction::FromOneC;
    mapping::ConflictPolicy policy = mapping::ConflictPolicy::OneCWins;
    std::string onec_field;  // the 1C property its reverse rule writes ("" = none)

    // "column" or "attributes.key", as the conflict queue names it.
    std::string name() const;
    SlotValue read(const core::Row& row) const;
    // Sets the value on `row` (adding the column when absent); an attribute rewrites the JSON
    // object of its column, keeping its other keys.
    void write(core::Row& row, const SlotValue& value) const;
};

// One slot per (column, attribute) the entity's rules fill, in rule order, plus "active" (from
// 1C: a deletion mark deactivates the row).
std::vector<MergeSlot> mergeSlots(const mapping::EntityMapping& entity);

// The row a binding's snapshot remembers ({"column": "text" | null}), every column of `spec`
// present (NULL when the snapshot leaves it out); none when the text is no JSON object.
std::optional<core::Row> snapshotRow(const core::EntitySpec& spec, const std::string& snapshot);

}  // namespace crmsync::sync
