#pragma once
// The tree XmlStream::expand hands out: one item element with everything inside it, as far as
// the item readers need it (local names, attributes, text, start lines). Comments and
// processing instructions are not kept; CDATA is plain text. Nothing here owns memory: the
// stream's buffers do, and the whole tree is valid until the stream moves on.
#include <cstddef>
#include <string_view>

namespace crmsync::commerceml::dom {

struct Attribute {
    const char* name;        // local name
    std::string_view value;  // as written, entities and character references resolved
    bool namespaced;         // the attribute has a namespace prefix
};

// A run of character data directly inside an element. An element whose text is broken by
// child elements, comments or processing instructions has several, in document order.
struct TextPiece {
    std::string_view text;
    const TextPiece* next;
};

struct Element {
    const char* name;              // local name (the namespace is ignored everywhere)
    std::size_t line;              // source line of the start tag, exact at any size
    const Attribute* attributes;   // attribute_count of them, in document order
    std::size_t attribute_count;
    const TextPiece* text;         // first piece of direct text, nullptr when there is none
    const Element* first_child;
    const Element* next_sibling;
};

}  // namespace crmsync::commerceml::dom
