#pragma once
// What goes where: for each entity, which field of an incoming record fills which CRM column.
// Today the built-in CommerceML table (builtin_commerceml.cpp) is the only mapping; the mapping
// config issue turns the same structure into admin-edited files.
#include <string>
#include <string_view>
#include <vector>

namespace crmsync::mapping {

struct FieldRule {
    std::string source;  // field name of the incoming core::Record
    std::string column;  // column of the entity's CRM table (core::EntitySpec)
    // A required field that is absent, empty or (for references) unknown sends the record to
    // quarantine; an optional one becomes NULL.
    bool required = false;
};

struct EntityMapping {
    std::string entity;
    std::vector<FieldRule> fields;
};

struct Mapping {
    std::string version;  // recorded with every journal row the mapping produces
    std::vector<EntityMapping> entities;

    const EntityMapping* find(std::string_view entity) const;
};

// The field assignments of the CommerceML exchange (the reader's field names -> CRM columns).
const Mapping& builtinCommerceMlMapping();

}  // namespace crmsync::mapping
