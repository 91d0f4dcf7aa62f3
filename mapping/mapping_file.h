#pragma once
// Loading a mapping file: read it safely, validate it against config/crmsync-mapping.xsd, check
// what the XSD cannot (columns, value maps, references, cycles, reverse rules, ...) and compile
// it. Every problem is collected, not only the first, as "file:line:column: message".
#include <filesystem>
#include <optional>
#include <string>

#include "mapping/diagnostic.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_compiler.h"

namespace crmsync::mapping {

struct LoadResult {
    std::optional<Mapping> mapping;  // set only when there is no diagnostic
    Diagnostics diagnostics;
};

// `display_name` names the file in messages and, with a hash of `text`, in Mapping::version.
LoadResult loadMappingText(const std::string& text, const std::string& display_name,
                           const CompileOptions& options = {});

// Reads `path`; an unreadable file is a diagnostic too. Messages name the path as given.
LoadResult loadMappingFile(const std::filesystem::path& path, const CompileOptions& options = {});

// As loadMappingFile, for callers that cannot go on without a mapping: throws
// crmsync::ConfigError whose what() holds every diagnostic, one per line.
Mapping requireMappingFile(const std::filesystem::path& path, const CompileOptions& options = {});

// "<file name>:<16 hex digits of FNV-1a over the bytes>": changes whenever the file does.
std::string mappingVersion(const std::string& display_name, const std::string& text);

// The XSD the loader validates against (the text of config/crmsync-mapping.xsd).
const std::string& mappingSchemaText();

}  // namespace crmsync::mapping
