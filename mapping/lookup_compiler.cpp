#include "mapping/lookup_compiler.h"

#include <set>

#include "mapping/entity_specs.h"
#include "mapping/step_compiler.h"

namespace crmsync::mapping {

std::optional<LookupRule> compileLookup(const model::Step& step, const LookupContext& context,
                                        Diagnostics& out) {
    const model::Attribute& entity = *step.argument("entity");  // required by the XSD
    auto spec = context.specs.find(entity.value);
    if (spec == context.specs.end()) {
        out.add(entity.at, "<lookup> of unknown entity '" + entity.value + "' (valid: " +
                               catalogEntityNames() + ")");
        return std::nullopt;
    }
    if (step.parts.empty()) {
        out.add(step.at, "<lookup entity=\"" + entity.value +
                             "\"> has nothing to match: give it at least one <match column=\"...\" "
                             "source=\"...\"/>");
        return std::nullopt;
    }
    LookupRule rule;
    rule.spec = spec->second;
    bool ok = true;
    std::set<std::string> matched;
    for (const auto& match : step.parts) {
        const model::Attribute& column = *match.argument("column");  // required by the XSD
        LookupMatch compiled;
        compiled.column = rule.spec->column(column.value);
        if (compiled.column == nullptr) {
            out.add(column.at, "<lookup> of " + entity.value + ": table '" + rule.spec->table +
                                   "' has no column '" + column.value + "'");
            ok = false;
        } else if (!matched.insert(column.value).second) {
            out.add(column.at, "<lookup> of " + entity.value + " matches column '" +
                                   column.value + "' twice");
            ok = false;
        }
        if (const model::Attribute* source = match.argument("source")) {
            compiled.source = compileSourcePath(*source, context.entity, context.commerceml, out);
            ok = ok && compiled.source.has_value();
        } else if (!context.field_has_source) {
            out.add(match.at, "<match column=\"" + column.value +
                                  "\"> without source takes the field's value, but the field "
                                  "has no source");
            ok = false;
        }
        rule.matches.push_back(std::move(compiled));
    }
    if (!ok) {
        return std::nullopt;
    }
    return rule;
}

}  // namespace crmsync::mapping
