#pragma once
// A mapping compiled for evaluation: for each entity, its field rules with the target column
// resolved, the source path parsed and the transform chain built. Loaded once (mapping_file.h),
// then read by any number of evaluations; immutable, so it may be shared between threads.
#include <memory>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crmcore/entity_catalog.h"
#include "mapping/source_path.h"
#include "mapping/transform.h"

namespace crmsync::mapping {

enum class Direction { FromOneC, ToOneC, Both };
// What settles a field both sides changed to different values since the last sync. The
// *UnlessBlank policies let the named side win unless its value is empty, and then the other.
enum class ConflictPolicy {
    OneCWins,
    CrmWins,
    NewestWins,
    Manual,
    OneCWinsUnlessBlank,
    CrmWinsUnlessBlank,
};

// What a deletion on one side does to the other: deactivate marks it (DeletionMark in 1C,
// active = 0 in the CRM), delete removes it for good where crmsync can, ignore leaves it.
enum class OnDelete { Deactivate, Delete, Ignore };

// How a CRM value goes back to 1C: the 1C field it is written to and the steps that build it.
struct ReverseRule {
    std::string onec_field;
    std::vector<TransformPtr> steps;
    std::string reference_entity;  // the CRM id becomes this entity's 1C key ("" = none)
};

// <lookup>: the value is the CRM id of the one active row of another entity whose columns
// equal values of the record (a counterparty found by ИНН and КПП), read from the database.
struct LookupMatch {
    const core::ColumnSpec* column = nullptr;  // of LookupRule::spec
    std::optional<SourcePath> source;          // none: the value the chain has made so far
};

struct LookupRule {
    const core::EntitySpec* spec = nullptr;  // the entity searched; never null
    std::vector<LookupMatch> matches;        // never empty
};

struct FieldRule {
    std::optional<SourcePath> source;  // none: the chain makes the value (constant, concat)
    std::string label;                 // the record path; names the field in record errors
    const core::ColumnSpec* column = nullptr;  // for an attribute: the JSON attributes column
    std::string attribute;  // key inside the attributes column; "" for a plain column
    // A required field that is absent, empty or (for references) unknown sends the record to
    // quarantine; an optional one becomes NULL.
    bool required = false;
    bool fills_absent = false;  // the chain gives a value even when the source is absent
    std::vector<TransformPtr> steps;
    std::string reference_entity;  // the value is that entity's 1C key, resolved to a CRM id
    std::optional<LookupRule> lookup;  // the chain ends in a <lookup>
    Direction direction = Direction::FromOneC;
    ConflictPolicy conflict = ConflictPolicy::OneCWins;
    std::optional<ReverseRule> reverse;
};

struct OneCObject {
    enum class Kind { CommerceMl, OData };
    Kind kind = Kind::CommerceMl;
    std::string name;  // CommerceML element or OData entity set
    std::string filter;
    std::string tabular_section;
    std::string key;  // the 1C field that identifies a record
    // OData only: the 1C property where crmsync writes the CRM id of what it creates, so that a
    // push whose answer was lost is found in 1C again instead of created twice. "" = none.
    std::string crm_id_property;
};

struct EntityMapping {
    std::string entity;
    // The catalog's entity, plus the admin-added columns of its table that the mapping targets
    // (core::extendedEntitySpec, so it outlives the mapping); never null.
    const core::EntitySpec* spec = nullptr;
    OneCObject onec;
    Direction direction = Direction::FromOneC;
    ConflictPolicy conflict = ConflictPolicy::OneCWins;
    std::vector<FieldRule> fields;
    // The entity's match rule: when a record's 1C key has no binding, an active CRM row whose
    // columns equal the record's mapped values for these is bound to the key instead of a new
    // row being inserted (a CRM-born counterparty found by ИНН+КПП). Each is filled by a
    // field from 1C. Empty: every new key inserts.
    std::vector<const core::ColumnSpec*> match_columns;
    // The 1C field holding the object's last modification time, for newest-wins; none: the
    // time crmsync first saw 1C's value stands in for it.
    std::optional<SourcePath> onec_modified;
    OnDelete on_delete = OnDelete::Deactivate;
};

struct Mapping {
    std::string name;
    // "<file name>:<FNV-1a of the file bytes>", recorded with every journal row it produces.
    std::string version;
    std::vector<EntityMapping> entities;

    const EntityMapping* find(std::string_view entity) const;
};

// The mapping in force, asked for at the start of every run: a watched mapping file may be
// replaced between runs, never during one.
using MappingSource = std::function<std::shared_ptr<const Mapping>()>;
// A source that always gives `mapping`, which must outlive it.
MappingSource fixedMapping(const Mapping& mapping);

std::string_view directionName(Direction direction);
std::string_view conflictPolicyName(ConflictPolicy policy);

// The field assignments of the CommerceML exchange: config/mappings/commerceml-ut11.xml, built
// into the binary so that crmsync works without any file beside it.
const Mapping& builtinCommerceMlMapping();

}  // namespace crmsync::mapping
