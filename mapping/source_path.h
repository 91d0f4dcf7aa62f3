#pragma once
// Where a field rule finds its value in an incoming record. A path is a field name followed by
// steps into nested values: "article", "requisites/Вес" (a named entry of a nested value),
// "properties[id='…']/value" (the list element whose `id` is '…', then its `value`).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmcore/record.h"

namespace crmsync::mapping {

struct PathSegment {
    std::string name;
    // [key='value']: picks the element of a list whose field `key` has that text.
    std::optional<std::pair<std::string, std::string>> where;
};

// nullopt when the text is not a path (empty segment, unbalanced [..], unquoted value).
std::optional<std::vector<PathSegment>> parsePath(std::string_view text);

// The path written back as text, e.g. "properties[id='x']/value".
std::string pathText(const std::vector<PathSegment>& segments);

class SourcePath {
public:
    SourcePath() = default;
    explicit SourcePath(std::vector<PathSegment> segments);

    // The value at the path, or nullptr when the record does not carry it.
    const core::Value* find(const core::Record& record) const;
    const std::string& text() const { return text_; }
    const std::vector<PathSegment>& segments() const { return segments_; }

private:
    std::vector<PathSegment> segments_;
    std::string text_;
};

}  // namespace crmsync::mapping
