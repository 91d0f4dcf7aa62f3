#pragma once
// Builds the dom::Element tree of one expanded element out of its events. The tree's arrays
// are kept from one item to the next, so once the first items have been read an item costs no
// allocation; the texts and attribute values stay where the events hold them.
#include <cstddef>
#include <vector>

#include "adapters/onec/commerceml/xml_element.h"
#include "adapters/onec/commerceml/xml_events.h"

namespace crmsync::commerceml {

class XmlElementTree {
public:
    // What lies between an element's start event and its end event, for the arrays to be sized
    // once (the tree points into them).
    struct Extent {
        std::size_t end = 0;  // index of the end event
        std::size_t elements = 0;
        std::size_t texts = 0;
        std::size_t attributes = 0;
    };

    // The element whose start event is events[first] and whose end is extent.end. Valid until
    // the next build() and while `events` is left alone.
    const dom::Element* build(const XmlEvents& events, std::size_t first, const Extent& extent);

private:
    struct OpenElement {
        dom::Element* element;
        dom::Element* last_child;
        dom::TextPiece* last_text;
    };

    void addElement(const XmlEvents& events, const XmlEvent& start);
    void addText(const XmlEvents& events, const XmlEvent& text);

    std::vector<dom::Element> elements_;
    std::vector<dom::Attribute> attributes_;
    std::vector<dom::TextPiece> texts_;
    std::vector<OpenElement> open_;
};

}  // namespace crmsync::commerceml
