#pragma once
// Read-only helpers over one expanded item subtree (see XmlStream::expand). Names are local
// names, so they match whatever namespace the file uses; texts come back trimmed.
#include <cstddef>
#include <optional>
#include <string>

#include <libxml/tree.h>

namespace crmsync::commerceml::dom {

// Whether `node` is an element with that local name.
bool is(const xmlNode* node, const char* local_name);

// First child element of `parent` with that local name, or nullptr.
const xmlNode* child(const xmlNode* parent, const char* local_name);

// Next sibling element of `node` with that local name, or nullptr.
const xmlNode* nextSibling(const xmlNode* node, const char* local_name);

// Trimmed text directly inside `element` (text of its child elements excluded).
std::string text(const xmlNode* element);

// Trimmed text of the first child element with that name; nullopt when there is no such
// child (an empty element gives "").
std::optional<std::string> childText(const xmlNode* parent, const char* local_name);

// Trimmed value of the attribute with that local name; nullopt when absent.
std::optional<std::string> attribute(const xmlNode* element, const char* local_name);

// Source line of the node (its start tag), 0 when unknown.
std::size_t line(const xmlNode* node);

// The child elements of `parent` named `local_name`, for range-for:
//     for (const xmlNode* group : dom::children(groups, names::kGroup)) ...
class Children {
public:
    class Iterator {
    public:
        Iterator(const xmlNode* node, const char* name) : node_(node), name_(name) {}
        const xmlNode* operator*() const { return node_; }
        Iterator& operator++() {
            node_ = nextSibling(node_, name_);
            return *this;
        }
        bool operator!=(const Iterator& other) const { return node_ != other.node_; }

    private:
        const xmlNode* node_;
        const char* name_;
    };

    Children(const xmlNode* parent, const char* local_name)
        : first_(child(parent, local_name)), name_(local_name) {}
    Iterator begin() const { return {first_, name_}; }
    Iterator end() const { return {nullptr, name_}; }

private:
    const xmlNode* first_;
    const char* name_;
};

inline Children children(const xmlNode* parent, const char* local_name) {
    return Children(parent, local_name);
}

}  // namespace crmsync::commerceml::dom
