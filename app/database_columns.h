#pragma once
// The real columns of the CRM database, for loading a mapping against it: a mapping may then
// target a column an admin added to a table by hand (mapping/entity_specs.h).
#include <string>

#include "mapping/mapping_compiler.h"

namespace crmsync::app {

// Opens its own short-lived session. Throws crmsync::ConfigError for a malformed URL,
// ExternalUnavailable when the database cannot be reached, Error when the query fails.
mapping::DatabaseColumns readDatabaseColumns(const std::string& url);

}  // namespace crmsync::app
