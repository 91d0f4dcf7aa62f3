#include "mapping/mapping_file.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "crmcore/error.h"
#include "mapping/embedded_files.h"
#include "mapping/mapping_parser.h"
#include "mapping/xml_document.h"

namespace crmsync::mapping {

const std::string& mappingSchemaText() {
    static const std::string text(kMappingSchemaXsd);
    return text;
}

std::string mappingVersion(const std::string& display_name, const std::string& text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::filesystem::path(display_name).filename().string() + ":" + hex;
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
