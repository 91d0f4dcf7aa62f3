#include "mapping/entity_specs.h"

#include <set>

namespace crmsync::mapping {

namespace {

constexpr std::string_view kAttributesPrefix = "attributes.";

// Admin columns wanted per entity, in the order the file first names them.
class AdminColumns {
public:
    explicit AdminColumns(const DatabaseColumns& database) : database_(database) {}

    void want(const std::string& entity, const model::Attribute& column) {
        const core::EntitySpec* spec = core::findEntitySpec(entity);
        if (spec == nullptr || spec->column(column.value) != nullptr) {
            return;  // unknown entity or a catalog column: the compiler judges those
        }
        auto table = database_.find(spec->table);
        if (table == database_.end() || table->second.count(column.value) == 0) {
            return;  // not in the database either: the compiler reports an unknown column
        }
        auto& wanted = wanted_[entity];
        if (seen_[entity].insert(column.value).second) {
            wanted.push_back(&column);
        }
    }

    std::map<std::string, const core::EntitySpec*> specs(Diagnostics& out) const {
        std::map<std::string, const core::EntitySpec*> specs;
        for (const auto& spec : core::entityCatalog()) {
            specs[spec.name] = &spec;
        }
        for (const auto& [entity, columns] : wanted_) {
            const core::EntitySpec& base = *specs[entity];
            std::vector<core::ColumnSpec> extra;
            for (const model::Attribute* column : columns) {
                if (base.columns.size() + extra.size() >= core::kMaxEntityColumns) {
                    out.add(column->at, "column " + base.table + "." + column->value +
                                            ": crmsync writes at most " +
                                            std::to_string(core::kMaxEntityColumns) +
                                            " columns of one table");
                    continue;
                }
                extra.push_back({column->value, core::ColumnType::Text, {}});
            }
            specs[entity] = &core::extendedEntitySpec(base, extra);
        }
        return specs;
    }

private:
    const DatabaseColumns& database_;
    std::map<std::string, std::vector<const model::Attribute*>> wanted_;
    std::map<std::string, std::set<std::string>> seen_;
};

void wantLookupColumns(const std::vector<model::Step>& steps, AdminColumns& columns) {
    for (const auto& step : steps) {
        const model::Attribute* entity = step.argument("entity");
        if (step.kind != "lookup" || entity == nullptr) {
            continue;
        }
        for (const auto& match : step.parts) {
            if (const model::Attribute* column = match.argument("column")) {
                columns.want(entity->value, *column);
            }
        }
    }
}

}  // namespace

std::map<std::string, const core::EntitySpec*> entitySpecs(const model::Document& document,
                                                          const DatabaseColumns* database,
                                                          Diagnostics& out) {
    static const DatabaseColumns kNoDatabase;
    AdminColumns columns(database != nullptr ? *database : kNoDatabase);
    for (const auto& entity : document.entities) {
        for (const auto& column : entity.match_columns) {
            columns.want(entity.name.value, column);
        }
        for (const auto& field : entity.fields) {
            if (field.target.value.rfind(kAttributesPrefix, 0) != 0) {
                columns.want(entity.name.value, field.target);
            }
            wantLookupColumns(field.steps, columns);
        }
    }
    return columns.specs(out);
}

std::string catalogEntityNames() {
    std::string out;
    for (const auto& spec : core::entityCatalog()) {
        out += (out.empty() ? "" : ", ") + spec.name;
    }
    return out;
}

}  // namespace crmsync::mapping
