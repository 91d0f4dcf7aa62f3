#include "adapters/onec/commerceml/xml_node.h"

#include <cstring>

#include "util/text.h"

namespace crmsync::commerceml::dom {

namespace {

bool hasName(const Element* element, const char* local_name) {
    // Lookups mostly pass over siblings, and CommerceML names mostly differ in their first
    // letter (two bytes in UTF-8): comparing those inline spares most strcmp calls.
    const char* name = element->name;
    return name[0] == local_name[0] && name[1] == local_name[1] &&
           std::strcmp(name, local_name) == 0;
}

const Element* firstNamedFrom(const Element* element, const char* local_name) {
    for (; element != nullptr; element = element->next_sibling) {
        if (hasName(element, local_name)) {
            return element;
        }
    }
    return nullptr;
}

}  // namespace

bool is(const Element* element, const char* local_name) {
    return element != nullptr && hasName(element, local_name);
}

const Element* child(const Element* parent, const char* local_name) {
    return parent == nullptr ? nullptr : firstNamedFrom(parent->first_child, local_name);
}

const Element* nextSibling(const Element* element, const char* local_name) {
    return element == nullptr ? nullptr : firstNamedFrom(element->next_sibling, local_name);
}

std::string text(const Element* element) {
    const TextPiece* piece = element->text;
    if (piece == nullptr) {
        return {};
    }
    if (piece->next == nullptr) {  // the usual case: no concatenation, one copy
        return std::string(util::trimmed(piece->text));
    }
    std::string joined;
    for (; piece != nullptr; piece = piece->next) {
        joined += piece->text;
    }
    return std::string(util::trimmed(joined));
}

std::optional<std::string> childText(const Element* parent, const char* local_name) {
    const Element* found = child(parent, local_name);
    if (found == nullptr) {
        return std::nullopt;
    }
    return text(found);
}

std::optional<std::string> attribute(const Element* element, const char* local_name) {
    for (std::size_t i = 0; i < element->attribute_count; ++i) {
        if (std::strcmp(element->attributes[i].name, local_name) == 0) {
            return std::string(util::trimmed(element->attributes[i].value));
        }
    }
    return std::nullopt;
}

std::size_t line(const Element* element) { return element->line; }

}  // namespace crmsync::commerceml::dom
