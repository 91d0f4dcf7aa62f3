#pragma once
// Where each start tag and each attribute of an XML text begins. libxml2 keeps only the line of
// an element and nothing for attributes, and its XSD errors carry no column, so the loader scans
// the text once itself: start tags appear in the text in the same order as elements in the tree.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/diagnostic.h"

namespace crmsync::mapping {

struct TagPositions {
    Position start;  // the '<'
    std::vector<std::pair<std::string, Position>> attributes;  // qualified name -> its first char
};

struct TextScan {
    std::vector<TagPositions> tags;  // start tags in document order
    std::optional<Position> doctype;  // a <!DOCTYPE, which mapping files may not have
};

// Lenient: malformed text yields what could be found; libxml2 reports the actual error.
TextScan scanTags(std::string_view text);

}  // namespace crmsync::mapping
