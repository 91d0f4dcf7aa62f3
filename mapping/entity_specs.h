#pragma once
// The entity specs a mapping compiles against: crmsync's catalog, plus, when the mapping is
// loaded against a database, the columns an admin added to a table by hand (ALTER TABLE product
// ADD COLUMN brand TEXT) that the mapping uses as a field target or a lookup match column.
// Such columns are written and read as text.
#include <map>
#include <string>

#include "crmcore/entity_catalog.h"
#include "mapping/diagnostic.h"
#include "mapping/mapping_compiler.h"
#include "mapping/mapping_model.h"

namespace crmsync::mapping {

// Entity name -> spec, for every catalog entity. Without a database every spec is the
// catalog's. Reports, at the target, an admin column past core::kMaxEntityColumns.
std::map<std::string, const core::EntitySpec*> entitySpecs(const model::Document& document,
                                                          const DatabaseColumns* database,
                                                          Diagnostics& out);

// "product_group, unit, ...": the entity names a message offers when a name is unknown.
std::string catalogEntityNames();

}  // namespace crmsync::mapping
