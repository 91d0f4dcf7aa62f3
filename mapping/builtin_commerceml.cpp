#include <stdexcept>

#include "mapping/embedded_files.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_file.h"

namespace crmsync::mapping {

const Mapping& builtinCommerceMlMapping() {
    static const Mapping mapping = [] {
        LoadResult loaded =
            loadMappingText(std::string(kCommerceMlUt11Mapping), "commerceml-ut11.xml");
        if (!loaded.mapping) {
            // A test checks the shipped file; reaching this means the build embedded a broken one.
            throw std::logic_error("built-in mapping is invalid:\n" + loaded.diagnostics.text());
        }
        return std::move(*loaded.mapping);
    }();
    return mapping;
}

}  // namespace crmsync::mapping
