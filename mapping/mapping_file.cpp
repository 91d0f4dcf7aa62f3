#include "mapping/mapping_file.h"

#include <fstream>
#include <sstream>

#include "crmcore/error.h"
#include "mapping/embedded_files.h"
#include "mapping/mapping_parser.h"
#include "mapping/xml_document.h"
#include "util/fnv1a.h"

namespace crmsync::mapping {

const std::string& mappingSchemaText() {
    static const std::string text(kMappingSchemaXsd);
    return text;
}

std::string mappingVersion(const std::string& display_name, const std::string& text) {
    return std::filesystem::path(display_name).filename().string() + ":" +
           util::hex16(util::fnv1a(text));
}

LoadResult loadMappingText(const std::string& text, const std::string& display_name,
                           const CompileOptions& options) {
    LoadResult result{std::nullopt, Diagnostics(display_name)};
    auto document = XmlDocument::parse(text, result.diagnostics);
    if (!document || !document->validate(mappingSchemaText(), result.diagnostics)) {
        return result;  // semantic checks on a tree the schema refused would only add noise
    }
    Mapping mapping = compileMapping(readMappingTree(*document), options, result.diagnostics);
    if (result.diagnostics.empty()) {
        mapping.version = mappingVersion(display_name, text);
        result.mapping = std::move(mapping);
    }
    return result;
}

LoadResult loadMappingFile(const std::filesystem::path& path, const CompileOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult result{std::nullopt, Diagnostics(path.string())};
        result.diagnostics.add({0, 0}, "cannot read the mapping file");
        return result;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return loadMappingText(bytes.str(), path.string(), options);
}

Mapping requireMappingFile(const std::filesystem::path& path, const CompileOptions& options) {
    LoadResult result = loadMappingFile(path, options);
    if (!result.mapping) {
        std::string text = result.diagnostics.text();
        text.pop_back();  // the last newline
        throw ConfigError("mapping " + path.string() + " is not valid:\n" + text);
    }
    return std::move(*result.mapping);
}

}  // namespace crmsync::mapping
