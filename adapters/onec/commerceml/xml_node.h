#pragma once
// Read-only helpers over one expanded item subtree (see XmlStream::expand). Names are local
// names, so they match whatever namespace the file uses; texts come back trimmed.
#include <cstddef>
#include <optional>
#include <string>

#include "adapters/onec/commerceml/xml_element.h"

namespace crmsync::commerceml::dom {

// Whether `element` is there and has that local name.
bool is(const Element* element, const char* local_name);

// First child element of `parent` with that local name, or nullptr (also for no parent).
const Element* child(const Element* parent, const char* local_name);

// Next sibling element of `element` with that local name, or nullptr.
const Element* nextSibling(const Element* element, const char* local_name);

// Trimmed text directly inside `element` (text of its child elements excluded).
std::string text(const Element* element);

// Trimmed text of the first child element with that name; nullopt when there is no such
// child (an empty element gives "").
std::optional<std::string> childText(const Element* parent, const char* local_name);

// Trimmed value of the attribute with that local name (any namespace); nullopt when absent.
std::optional<std::string> attribute(const Element* element, const char* local_name);

// Source line of the element's start tag.
std::size_t line(const Element* element);

// The child elements of `parent` named `local_name`, for range-for:
//     for (const dom::Element* group : dom::children(groups, names::kGroup)) ...
class Children {
public:
    class Iterator {
    public:
        Iterator(const Element* element, const char* name) : element_(element), name_(name) {}
        const Element* operator*() const { return element_; }
        Iterator& operator++() {
            element_ = nextSibling(element_, name_);
            return *this;
        }
        bool operator!=(const Iterator& other) const { return element_ != other.element_; }

    private:
        const Element* element_;
        const char* name_;
    };

    Children(const Element* parent, const char* local_name)
        : first_(child(parent, local_name)), name_(local_name) {}
    Iterator begin() const { return {first_, name_}; }
    Iterator end() const { return {nullptr, name_}; }

private:
    const Element* first_;
    const char* name_;
};

inline Children children(const Element* parent, const char* local_name) {
    return Children(parent, local_name);
}

}  // namespace crmsync::commerceml::dom
