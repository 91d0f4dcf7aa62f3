#include "adapters/onec/commerceml/xml_node.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "adapters/onec/commerceml/text_values.h"

namespace crmsync::commerceml::dom {

namespace {

bool hasName(const xmlNode* node, const char* local_name) {
    return std::strcmp(reinterpret_cast<const char*>(node->name), local_name) == 0;
}

const xmlNode* firstElementFrom(const xmlNode* node, const char* local_name) {
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && hasName(node, local_name)) {
            return node;
        }
    }
    return nullptr;
}

bool isText(const xmlNode* node) {
    return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

std::string_view contentOf(const xmlNode* node) {
    return node->content == nullptr
               ? std::string_view()
               : std::string_view(reinterpret_cast<const char*>(node->content));
}

// Trimmed concatenation of the text nodes in a sibling list (element children skipped).
std::string textOfList(const xmlNode* first) {
    const xmlNode* only = nullptr;
    std::size_t text_nodes = 0;
    for (const xmlNode* node = first; node != nullptr; node = node->next) {
        if (isText(node)) {
            only = node;
            ++text_nodes;
        }
    }
    if (text_nodes <= 1) {  // the usual case: no concatenation, one copy
        return only == nullptr ? std::string() : trimmed(contentOf(only));
    }
    std::string joined;
    for (const xmlNode* node = first; node != nullptr; node = node->next) {
        if (isText(node)) {
            joined += contentOf(node);
        }
    }
    return trimmed(joined);
}

}  // namespace

bool is(const xmlNode* node, const char* local_name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && hasName(node, local_name);
}

const xmlNode* child(const xmlNode* parent, const char* local_name) {
    return parent == nullptr ? nullptr : firstElementFrom(parent->children, local_name);
}

const xmlNode* nextSibling(const xmlNode* node, const char* local_name) {
    return node == nullptr ? nullptr : firstElementFrom(node->next, local_name);
}

std::string text(const xmlNode* element) { return textOfList(element->children); }

std::optional<std::string> childText(const xmlNode* parent, const char* local_name) {
    const xmlNode* found = child(parent, local_name);
    if (found == nullptr) {
        return std::nullopt;
    }
    return text(found);
}

std::optional<std::string> attribute(const xmlNode* element, const char* local_name) {
    for (const xmlAttr* attr = element->properties; attr != nullptr; attr = attr->next) {
        if (std::strcmp(reinterpret_cast<const char*>(attr->name), local_name) == 0) {
            return textOfList(attr->children);
        }
    }
    return std::nullopt;
}

std::size_t line(const xmlNode* node) {
    // libxml2 stores element lines in 16 bits, saturated at 65535. With XML_PARSE_BIG_LINES a
    // text node keeps the line its text ended on; the first child text starts right after the
    // start tag, so taking back its own line breaks gives the start tag's line exactly.
    constexpr unsigned short kSaturated = 65535;
    const xmlNode* first = node->children;
    if (node->line == kSaturated && first != nullptr && first->type == XML_TEXT_NODE &&
        first->psvi != nullptr) {
        auto end_line = static_cast<std::size_t>(reinterpret_cast<std::ptrdiff_t>(first->psvi));
        std::string_view text = contentOf(first);
        return end_line - static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    }
    long line = xmlGetLineNo(node);
    return line > 0 ? static_cast<std::size_t>(line) : 0;
}

}  // namespace crmsync::commerceml::dom
