#include "mapping/source_path.h"

namespace crmsync::mapping {

namespace {

const core::Value* nestedField(const core::Nested& fields, const std::string& name) {
    for (const auto& field : fields) {
        if (field.name == name) {
            return &field.value;
        }
    }
    return nullptr;
}

const core::Value* listElement(const core::List& list, const std::string& key,
                               const std::string& wanted) {
    for (const auto& element : list) {
        const auto* fields = std::get_if<core::Nested>(&element.data);
        if (fields == nullptr) {
            continue;
        }
        const core::Value* k = nestedField(*fields, key);
        if (k != nullptr && k->toText() == wanted) {
            return &element;
        }
    }
    return nullptr;
}

std::optional<PathSegment> parseSegment(std::string_view text) {
    PathSegment segment;
    auto open = text.find('[');
    segment.name = std::string(text.substr(0, open));
    if (segment.name.empty()) {
        return std::nullopt;
    }
    if (open == std::string_view::npos) {
        return segment;
    }
    std::string_view predicate = text.substr(open + 1);
    auto eq = predicate.find('=');
    if (predicate.size() < 5 || predicate.back() != ']' || eq == std::string_view::npos ||
        eq == 0) {
        return std::nullopt;
    }
    std::string_view quoted = predicate.substr(eq + 1, predicate.size() - eq - 2);
    if (quoted.size() < 2 || (quoted.front() != '\'' && quoted.front() != '"') ||
        quoted.back() != quoted.front()) {
        return std::nullopt;
    }
    segment.where.emplace(std::string(predicate.substr(0, eq)),
                          std::string(quoted.substr(1, quoted.size() - 2)));
    return segment;
}

}  // namespace

std::optional<std::vector<PathSegment>> parsePath(std::string_view text) {
    std::vector<PathSegment> segments;
    std::size_t start = 0;
    char quote = '\0';
    for (std::size_t i = 0; i <= text.size(); ++i) {
        char c = i < text.size() ? text[i] : '/';
        if (quote != '\0') {
            quote = c == quote ? '\0' : quote;  // a '/' inside a quoted id is part of the id
            if (i < text.size()) {
                continue;
            }
            return std::nullopt;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '/') {
            auto segment = parseSegment(text.substr(start, i - start));
            if (!segment) {
                return std::nullopt;
            }
            segments.push_back(std::move(*segment));
            start = i + 1;
        }
    }
    return segments;
}

std::string pathText(const std::vector<PathSegment>& segments) {
    std::string text;
    for (const auto& segment : segments) {
        if (!text.empty()) {
            text += '/';
        }
        text += segment.name;
        if (segment.where) {
            text += "[" + segment.where->first + "='" + segment.where->second + "']";
        }
    }
    return text;
}

SourcePath::SourcePath(std::vector<PathSegment> segments)
    : segments_(std::move(segments)), text_(pathText(segments_)) {}

const core::Value* SourcePath::find(const core::Record& record) const {
    const core::Value* value = nullptr;
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        const PathSegment& segment = segments_[i];
        if (i == 0) {
            value = nestedField(record.fields, segment.name);
        } else if (const auto* fields = std::get_if<core::Nested>(&value->data)) {
            value = nestedField(*fields, segment.name);
        } else {
            return nullptr;
        }
        if (value == nullptr) {
            return nullptr;
        }
        if (segment.where) {
            const auto* list = std::get_if<core::List>(&value->data);
            if (list == nullptr) {
                return nullptr;
            }
            value = listElement(*list, segment.where->first, segment.where->second);
            if (value == nullptr) {
                return nullptr;
            }
        }
    }
    return value;
}

}  // namespace crmsync::mapping
