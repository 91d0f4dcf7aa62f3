#include "adapters/onec/commerceml/xml_element_tree.h"

namespace crmsync::commerceml {

const dom::Element* XmlElementTree::build(const XmlEvents& events, std::size_t first,
                                          const Extent& extent) {
    // Reserved up front, the arrays never move while the tree links into them.
    elements_.clear();
    elements_.reserve(extent.elements);
    attributes_.clear();
    attributes_.reserve(extent.attributes);
    texts_.clear();
    texts_.reserve(extent.texts);
    open_.clear();
    for (std::size_t i = first; i <= extent.end; ++i) {
        const XmlEvent& event = events[i];
        switch (event.kind) {
            case XmlEvent::Kind::Start:
                addElement(events, event);
                break;
            case XmlEvent::Kind::Text:
                addText(events, event);
                break;
            case XmlEvent::Kind::End:
                open_.pop_back();
                break;
        }
    }
    return elements_.data();
}

void XmlElementTree::addElement(const XmlEvents& events, const XmlEvent& start) {
    std::size_t first_attribute = attributes_.size();
    for (std::size_t i = start.first; i < start.first + start.count; ++i) {
        const XmlEventAttribute& attribute = events.attribute(i);
        attributes_.push_back(
            {attribute.name, events.chars(attribute.offset, attribute.size), attribute.namespaced});
    }
    elements_.push_back({start.name, start.line, attributes_.data() + first_attribute,
                         start.count, nullptr, nullptr, nullptr});
    dom::Element* element = &elements_.back();
    if (!open_.empty()) {
        OpenElement& parent = open_.back();
        if (parent.last_child == nullptr) {
            parent.element->first_child = element;
        } else {
            parent.last_child->next_sibling = element;
        }
        parent.last_child = element;
    }
    open_.push_back({element, nullptr, nullptr});
}

void XmlElementTree::addText(const XmlEvents& events, const XmlEvent& text) {
    texts_.push_back({events.chars(text.first, text.count), nullptr});
    dom::TextPiece* piece = &texts_.back();
    OpenElement& parent = open_.back();
    if (parent.last_text == nullptr) {
        parent.element->text = piece;
    } else {
        parent.last_text->next = piece;
    }
    parent.last_text = piece;
}

}  // namespace crmsync::commerceml
