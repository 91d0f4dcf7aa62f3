#pragma once
// Files of config/ compiled into the binary (generated from embedded_files.cpp.in), so the
// loader and the default exchange work wherever crmsync is installed. The copies in config/
// are the same bytes: admins read and copy those.
#include <string_view>

namespace crmsync::mapping {

extern const std::string_view kMappingSchemaXsd;       // config/crmsync-mapping.xsd
extern const std::string_view kCommerceMlUt11Mapping;  // config/mappings/commerceml-ut11.xml

}  // namespace crmsync::mapping
