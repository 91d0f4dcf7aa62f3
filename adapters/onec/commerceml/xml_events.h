#pragma once
// The queue between the SAX parser, which appends what it has parsed, and XmlStream, which
// pulls it: start tags (with their attributes), character data and end tags in document
// order. Flat arrays and one character store, so an event costs no allocation of its own and
// clear() keeps the capacity for the next chunk.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crmsync::commerceml {

struct XmlEvent {
    enum class Kind : unsigned char { Start, End, Text };
    Kind kind;
    int depth;         // the root element is at 0; text has the depth of its element's children
    std::size_t line;  // Start/End: the parser's line at the tag; Text: unused
    const char* name;  // Start/End: local name, owned by the parser's dictionary
    std::size_t first; // Start: first attribute index; Text: offset in the character store
    std::size_t count; // Start: attribute count; Text: length
};

struct XmlEventAttribute {
    const char* name;  // local name, owned by the parser's dictionary
    bool namespaced;
    std::size_t offset;  // value, in the character store
    std::size_t size;
};

class XmlEvents {
public:
    std::size_t size() const { return events_.size(); }
    bool empty() const { return events_.empty(); }
    const XmlEvent& operator[](std::size_t index) const { return events_[index]; }
    const XmlEventAttribute& attribute(std::size_t index) const { return attributes_[index]; }
    // Views stay valid until the next append or clear().
    std::string_view chars(std::size_t offset, std::size_t size) const {
        return std::string_view(chars_).substr(offset, size);
    }

    void clear();
    // Drops the events before `index`, with their attributes and characters; the event at
    // `index` becomes the first. Offsets in the events kept are rebased.
    void discardBefore(std::size_t index);

    void addStart(const char* name, int depth, std::size_t line);
    // An attribute of the start tag added last. libxml2 hands values over with '&' written as
    // "&#38;" (see appendAttributeValue), which is undone here.
    void addAttribute(const char* name, bool namespaced, const char* value, std::size_t size);
    void addEnd(const char* name, int depth, std::size_t line);
    // Character data; appended to the last event when that is text of the same run.
    void addText(const char* text, std::size_t size, int depth, bool continues_run);

private:
    std::vector<XmlEvent> events_;
    std::vector<XmlEventAttribute> attributes_;
    std::string chars_;
};

}  // namespace crmsync::commerceml
