#pragma once
// Builds the transforms of a chain from their elements, reporting bad arguments (invalid
// regex, scale out of range, unknown value-map, ...) at the attribute that holds them.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mapping/diagnostic.h"
#include "mapping/mapping_model.h"
#include "mapping/transform.h"

namespace crmsync::mapping {

using ValueMaps = std::map<std::string, std::shared_ptr<const ValueMapTable>>;

// What a compiled chain is: its transforms, and the closing <reference> or <lookup> that turns
// the value into a CRM id. A lookup needs the catalog (and maybe the database), so the mapping
// compiler builds it from the element kept here.
struct CompiledChain {
    std::vector<TransformPtr> steps;
    std::string reference_entity;
    const model::Step* reference = nullptr;  // the <reference> element, for later checks
    const model::Step* lookup = nullptr;     // the <lookup> element
    bool fills_absent = false;
    // The kinds of the steps that cannot be run backwards (regex-extract, concat, ...), in order.
    std::vector<std::string> irreversible;
};

class StepCompiler {
public:
    // `entity` is the one the chain belongs to (for CommerceML source paths in <concat>).
    StepCompiler(const ValueMaps& maps, Diagnostics& out) : maps_(maps), out_(out) {}

    CompiledChain compile(const std::vector<model::Step>& steps, const std::string& entity,
                          bool commerceml);

private:
    TransformPtr compileStep(const model::Step& step, const std::string& entity, bool commerceml);
    TransformPtr regexExtract(const model::Step& step);
    TransformPtr decimal(const model::Step& step);
    TransformPtr boolean(const model::Step& step);
    TransformPtr datetime(const model::Step& step);
    TransformPtr concat(const model::Step& step, const std::string& entity, bool commerceml);
    TransformPtr valueMap(const model::Step& step);

    const ValueMaps& maps_;
    Diagnostics& out_;
};

// Parses a source path and, for a CommerceML entity, translates CommerceML element names to
// record fields. Reports problems at `where`; nullopt when the path is unusable.
std::optional<SourcePath> compileSourcePath(const model::Attribute& where, const std::string& entity,
                                            bool commerceml, Diagnostics& out);

}  // namespace crmsync::mapping
