#pragma once
// Semantic checks and compilation of a mapping model: every problem the XSD cannot see is
// reported, all of them, at the element or attribute that causes it; the result is usable only
// when no diagnostic was added.
#include <map>
#include <set>
#include <string>

#include "mapping/diagnostic.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_model.h"

namespace crmsync::mapping {

// The columns of the real CRM database, table -> column names, read by the caller (mapping
// does not talk to databases). A table missing from the map does not exist in the database.
using DatabaseColumns = std::map<std::string, std::set<std::string>>;

struct CompileOptions {
    const DatabaseColumns* database = nullptr;  // null: check against crmsync's catalog only
};

Mapping compileMapping(const model::Document& document, const CompileOptions& options,
                       Diagnostics& out);

}  // namespace crmsync::mapping
