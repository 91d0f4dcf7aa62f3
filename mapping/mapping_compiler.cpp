#include "mapping/mapping_compiler.h"

#include <algorithm>
#include <functional>

#include "mapping/entity_specs.h"
#include "mapping/lookup_compiler.h"
#include "mapping/reference_cycles.h"
#include "mapping/step_compiler.h"

namespace crmsync::mapping {

namespace {

constexpr std::string_view kAttributesPrefix = "attributes.";
constexpr const char* kAttributesColumn = "attributes";

// The XSD admits only the names below, so anything else cannot reach here.
Direction toDirection(const std::string& name) {
    return name == "to-1c" ? Direction::ToOneC : name == "both" ? Direction::Both
                                                                : Direction::FromOneC;
}

ConflictPolicy toConflictPolicy(const std::string& name) {
    return name == "crm-wins"                 ? ConflictPolicy::CrmWins
           : name == "newest-wins"            ? ConflictPolicy::NewestWins
           : name == "manual"                 ? ConflictPolicy::Manual
           : name == "onec-wins-unless-blank" ? ConflictPolicy::OneCWinsUnlessBlank
           : name == "crm-wins-unless-blank"  ? ConflictPolicy::CrmWinsUnlessBlank
                                              : ConflictPolicy::OneCWins;
}

class Compiler {
public:
    Compiler(const model::Document& document, const CompileOptions& options, Diagnostics& out)
        : document_(document), options_(options), out_(out), steps_(maps_, out) {}

    Mapping run() {
        Mapping mapping;
        mapping.name = document_.name;
        declareValueMaps();
        specs_ = entitySpecs(document_, options_.database, out_);
        for (const auto& entity : document_.entities) {
            defined_.emplace(entity.name.value, entity.name.at.line);
        }
        std::map<std::string, int> seen;
        for (const auto& entity : document_.entities) {
            auto [it, fresh] = seen.emplace(entity.name.value, entity.name.at.line);
            if (!fresh) {
                out_.add(entity.name.at, "entity '" + entity.name.value +
                                             "' is already mapped at line " +
                                             std::to_string(it->second));
                continue;
            }
            if (auto compiled = compileEntity(entity)) {
                mapping.entities.push_back(std::move(*compiled));
            }
        }
        reportReferenceCycles(references_, out_);
        return mapping;
    }

private:
    void declareValueMaps() {
        for (const auto& declared : document_.value_maps) {
            auto table = std::make_shared<ValueMapTable>();
            table->name = declared.name.value;
            table->unmapped = declared.unmapped == "keep"    ? ValueMapTable::Unmapped::Keep
                              : declared.unmapped == "empty" ? ValueMapTable::Unmapped::Empty
                                                             : ValueMapTable::Unmapped::Error;
            for (const auto& [from, to] : declared.entries) {
                if (!table->entries.emplace(from.value, to.value).second) {
                    out_.add(from.at, "value-map '" + table->name + "' maps '" + from.value +
                                          "' twice");
                }
            }
            if (!maps_.emplace(table->name, table).second) {
                out_.add(declared.name.at, "value-map '" + table->name + "' is declared twice");
            }
        }
    }

    std::optional<EntityMapping> compileEntity(const model::Entity& entity) {
        auto found = specs_.find(entity.name.value);
        if (found == specs_.end()) {
            out_.add(entity.name.at, "unknown entity '" + entity.name.value + "' (valid: " +
                                         catalogEntityNames() + ")");
            return std::nullopt;
        }
        const core::EntitySpec* spec = found->second;
        if (spec->table != entity.table.value) {
            out_.add(entity.table.at, "entity '" + spec->name + "' is stored in table '" +
                                          spec->table + "', not '" + entity.table.value + "'");
        }
        database_table_ = nullptr;
        if (options_.database != nullptr) {
            auto it = options_.database->find(spec->table);
            if (it == options_.database->end()) {
                out_.add(entity.table.at, "table '" + spec->table +
                                              "' does not exist in the database (run crmsync "
                                              "migrate)");
            } else {
                database_table_ = &it->second;
            }
        }
        EntityMapping out;
        out.entity = spec->name;
        out.spec = spec;
        out.onec.kind = entity.onec.kind == model::OneCSide::Kind::OData
                            ? OneCObject::Kind::OData
                            : OneCObject::Kind::CommerceMl;
        out.onec.name = entity.onec.object.value;
        out.onec.filter = entity.onec.filter ? entity.onec.filter->value : "";
        out.onec.tabular_section =
            entity.onec.tabular_section ? entity.onec.tabular_section->value : "";
        out.onec.key = entity.key.value;
        out.onec.crm_id_property =
            entity.onec.crm_id_property ? entity.onec.crm_id_property->value : "";
        out.direction = toDirection(entity.direction.value);
        out.conflict = toConflictPolicy(entity.conflict.value);
        out.on_delete = entity.on_delete.value == "delete"   ? OnDelete::Delete
                        : entity.on_delete.value == "ignore" ? OnDelete::Ignore
                                                             : OnDelete::Deactivate;
        if (entity.modified) {
            out.onec_modified = compileSourcePath(
                *entity.modified, entity.name.value,
                out.onec.kind == OneCObject::Kind::CommerceMl, out_);
        }

        std::map<std::string, int> targets;
        for (const auto& field : entity.fields) {
            auto [it, fresh] = targets.emplace(field.target.value, field.target.at.line);
            if (!fresh) {
                out_.add(field.target.at, "target '" + field.target.value +
                                              "' is already filled by the field at line " +
                                              std::to_string(it->second));
                continue;
            }
            if (auto rule = compileField(field, out)) {
                out.fields.push_back(std::move(*rule));
            }
        }
        compileMatchRule(entity, out);
        return out;
    }

    // Runs after the fields: a match column must be one a field fills from 1C, or the record
    // would have no value to match with.
    void compileMatchRule(const model::Entity& entity, EntityMapping& out) {
        std::set<std::string> matched;
        for (const auto& column : entity.match_columns) {
            const core::ColumnSpec* spec = out.spec->column(column.value);
            if (spec == nullptr) {
                out_.add(column.at, "<match> of " + out.entity + ": table '" + out.spec->table +
                                        "' has no column '" + column.value + "'");
                continue;
            }
            if (!matched.insert(column.value).second) {
                out_.add(column.at, "<match> of " + out.entity + " names column '" +
                                        column.value + "' twice");
                continue;
            }
            bool filled =
                std::any_of(out.fields.begin(), out.fields.end(), [&](const FieldRule& f) {
                    return f.column == spec && f.attribute.empty() &&
                           f.direction != Direction::ToOneC;
                });
            // A field for the column that failed to compile has been reported already.
            bool compiled = std::any_of(out.fields.begin(), out.fields.end(),
                                        [&](const FieldRule& f) { return f.column == spec; });
            bool reported = !compiled && std::any_of(entity.fields.begin(), entity.fields.end(),
                                                     [&](const model::Field& f) {
                                                         return f.target.value == column.value;
                                                     });
            if (!filled && !reported) {
                out_.add(column.at, "<match> of " + out.entity + " on column '" + column.value +
                                        "', which no field fills from 1C");
            }
            if (!filled) {
                continue;  // a field for it failed and was reported
            }
            out.match_columns.push_back(spec);
        }
    }

    std::optional<FieldRule> compileField(const model::Field& field, const EntityMapping& entity) {
        bool commerceml = entity.onec.kind == OneCObject::Kind::CommerceMl;
        std::size_t errors_before = out_.items().size();
        FieldRule rule;
        rule.required = field.required;
        rule.direction = field.direction ? toDirection(field.direction->value) : entity.direction;
        rule.conflict = field.conflict ? toConflictPolicy(field.conflict->value) : entity.conflict;
        resolveTarget(field.target, *entity.spec, rule);
        if (field.source) {
            if (auto path = compileSourcePath(*field.source, entity.entity, commerceml, out_)) {
                rule.label = path->text();
                rule.source = std::move(*path);
            }
        }
        CompiledChain chain = steps_.compile(field.steps, entity.entity, commerceml);
        rule.steps = std::move(chain.steps);
        rule.fills_absent = chain.fills_absent;
        rule.reference_entity = chain.reference_entity;
        if (chain.lookup != nullptr) {
            rule.lookup = compileLookup(
                *chain.lookup, {specs_, entity.entity, commerceml, field.source.has_value()}, out_);
            // A lookup whose every match names its own source makes the value by itself.
            rule.fills_absent = rule.fills_absent ||
                                (rule.lookup && !field.source.has_value());
        }
        if (rule.label.empty()) {
            rule.label = field.target.value;
        }
        if (!field.source && !chain.fills_absent && chain.lookup == nullptr) {
            out_.add(field.at, "field for '" + field.target.value +
                                   "' has no source: give one, or start its chain with "
                                   "<constant>, <default> or <concat>");
        }
        checkReference(field, chain, entity, rule);
        compileReverse(field, chain, entity, rule);
        if (out_.items().size() != errors_before) {
            return std::nullopt;
        }
        return rule;
    }

    void resolveTarget(const model::Attribute& target, const core::EntitySpec& spec,
                       FieldRule& rule) {
        std::string column = target.value;
        if (target.value.rfind(kAttributesPrefix, 0) == 0) {
            rule.attribute = target.value.substr(kAttributesPrefix.size());
            column = kAttributesColumn;
            if (rule.attribute.empty()) {
                out_.add(target.at, "target 'attributes.' needs a key name after the dot");
                return;
            }
        }
        rule.column = spec.column(column);
        bool in_database = database_table_ == nullptr || database_table_->count(column) != 0;
        if (rule.column == nullptr && !rule.attribute.empty()) {
            out_.add(target.at, "table '" + spec.table + "' has no JSON attributes column for '" +
                                    target.value + "'");
        } else if (rule.column == nullptr && database_table_ != nullptr && in_database) {
            return;  // an admin column past the column limit, reported by entitySpecs()
        } else if (rule.column == nullptr) {
            out_.add(target.at, "table '" + spec.table + "' has no column '" + column + "'");
        } else if (!in_database) {
            out_.add(target.at, "column " + spec.table + "." + column +
                                    " is missing in the database (run crmsync migrate)");
        }
    }

    void checkReference(const model::Field& field, const CompiledChain& chain,
                        const EntityMapping& entity, const FieldRule& rule) {
        if (rule.column == nullptr) {
            return;  // the target is already reported
        }
        const std::string where = entity.spec->table + "." + rule.column->name;
        bool id_column = rule.column->type == core::ColumnType::Reference && rule.attribute.empty();
        const model::Step* closing = chain.reference != nullptr ? chain.reference : chain.lookup;
        if (closing == nullptr) {
            if (id_column && chain.reference_entity.empty()) {
                out_.add(field.target.at, "column " + where + " holds ids of " +
                                              rule.column->references +
                                              ": end the chain with <reference entity=\"" +
                                              rule.column->references + "\"/>");
            }
            return;
        }
        const model::Attribute& named = *closing->argument("entity");
        if (closing == chain.lookup && specs_.count(named.value) == 0) {
            return;  // the unknown entity is reported by compileLookup
        }
        if (!id_column && rule.attribute.empty()) {
            out_.add(closing->at, "<" + closing->kind + "> gives a CRM id, but " + where +
                                      " does not hold ids");
            return;
        }
        // An attributes.KEY target may hold the id of any entity; an id column only its own.
        if (id_column && rule.column->references != named.value) {
            out_.add(named.at, "column " + where + " holds ids of " + rule.column->references +
                                   ", not of " + named.value);
            return;
        }
        if (closing == chain.lookup) {
            return;  // a lookup reads CRM rows, whichever mapping (if any) filled them
        }
        if (defined_.count(named.value) == 0) {
            out_.add(named.at, "reference to entity '" + named.value +
                                   "', which this mapping does not define");
            return;
        }
        references_.push_back({entity.entity, named.value, named.at});
    }

    void compileReverse(const model::Field& field, const CompiledChain& forward,
                        const EntityMapping& entity, FieldRule& rule) {
        bool to_onec = rule.direction != Direction::FromOneC;
        if (!field.reverse) {
            if (to_onec) {
                out_.add(field.at, "field for '" + field.target.value + "' goes to 1C (direction " +
                                       std::string(directionName(rule.direction)) +
                                       ") but has no <reverse> saying how the 1C value is built");
            }
            return;
        }
        if (to_onec && !forward.irreversible.empty() && field.reverse->steps.empty()) {
            out_.add(field.reverse->at, "field for '" + field.target.value + "' goes to 1C, but <" +
                                            forward.irreversible.front() +
                                            "> cannot be undone: give <reverse> the steps that "
                                            "build the 1C value");
        }
        // Reverse chains read the CRM row, whose field names are plain column names.
        CompiledChain chain = steps_.compile(field.reverse->steps, entity.entity, false);
        if (chain.lookup != nullptr) {
            out_.add(chain.lookup->at, "<lookup> works from 1C to the CRM only, not in <reverse>");
        }
        bool id_column = rule.column != nullptr && rule.attribute.empty() &&
                         rule.column->type == core::ColumnType::Reference;
        if (to_onec && id_column && chain.reference == nullptr) {
            out_.add(field.reverse->at, "column " + entity.spec->table + "." + rule.column->name +
                                            " holds CRM ids, which mean nothing to 1C: end "
                                            "<reverse> with <reference entity=\"" +
                                            rule.column->references + "\"/>");
        }
        if (chain.reference != nullptr &&
            defined_.count(chain.reference->argument("entity")->value) == 0) {
            const auto& named = *chain.reference->argument("entity");
            out_.add(named.at, "reference to entity '" + named.value +
                                   "', which this mapping does not define");
        }
        rule.reverse = ReverseRule{field.reverse->target.value, std::move(chain.steps),
                                   chain.reference_entity};
    }

    const model::Document& document_;
    const CompileOptions& options_;
    Diagnostics& out_;
    ValueMaps maps_;
    StepCompiler steps_;
    std::map<std::string, const core::EntitySpec*> specs_;  // see entitySpecs()
    std::map<std::string, int> defined_;  // entity -> line of its declaration
    std::vector<ReferenceEdge> references_;
    const std::set<std::string>* database_table_ = nullptr;  // columns of the current table
};

}  // namespace

Mapping compileMapping(const model::Document& document, const CompileOptions& options,
                       Diagnostics& out) {
    return Compiler(document, options, out).run();
}

}  // namespace crmsync::mapping
