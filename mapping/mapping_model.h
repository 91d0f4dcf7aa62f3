#pragma once
// A mapping file as written, after XSD validation and before any semantic check: names are
// still names, every item keeps its place in the file so a later check can point at it.
// mapping_compiler.h turns this into the flat form the evaluator runs.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mapping/diagnostic.h"

namespace crmsync::mapping::model {

struct Attribute {
    std::string value;
    Position at;
};

// One transform element (<trim/>, <decimal scale="2"/>, <concat>...). Arguments stay text: the
// compiler knows what each kind needs and reports bad values at the attribute.
struct Step {
    std::string kind;  // the element name: "trim", "decimal", "map", "reference", ...
    Position at;
    std::map<std::string, Attribute> arguments;
    std::vector<Step> parts;  // <part> children of <concat>, <match> children of <lookup>

    const Attribute* argument(const std::string& name) const;
};

struct Reverse {
    Position at;
    Attribute target;  // the 1C field the CRM value is written to
    std::vector<Step> steps;
};

struct Field {
    Position at;
    std::optional<Attribute> source;
    Attribute target;
    bool required = false;
    std::optional<Attribute> direction;
    std::optional<Attribute> conflict;
    std::vector<Step> steps;
    std::optional<Reverse> reverse;
};

struct OneCSide {
    enum class Kind { CommerceMl, OData };
    Kind kind = Kind::CommerceMl;
    Position at;
    Attribute object;  // CommerceML element or OData entity set
    std::optional<Attribute> filter;
    std::optional<Attribute> tabular_section;
    std::optional<Attribute> crm_id_property;
};

struct Entity {
    Position at;
    Attribute name;
    Attribute table;
    Attribute key;
    Attribute direction;  // defaulted to "from-1c" when the file leaves it out
    Attribute conflict;   // defaulted to "onec-wins"
    Attribute on_delete;  // defaulted to "deactivate"
    std::optional<Attribute> modified;  // the 1C field with the modification time
    OneCSide onec;
    // <match column=".."/>: CRM columns that identify an existing row when a 1C key is new.
    std::vector<Attribute> match_columns;
    std::vector<Field> fields;
};

struct ValueMap {
    Position at;
    Attribute name;
    std::string unmapped = "error";
    std::vector<std::pair<Attribute, Attribute>> entries;  // from -> to
};

struct Document {
    std::string name;
    std::vector<ValueMap> value_maps;
    std::vector<Entity> entities;
};

}  // namespace crmsync::mapping::model
