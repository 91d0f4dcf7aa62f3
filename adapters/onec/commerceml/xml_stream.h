#pragma once
// A forward-only, refuse-what-is-unsafe XML reader: libxml2's SAX2 push parser is fed the file
// chunk by chunk and the document is pulled tag by tag; one item element at a time can be
// expanded into a small tree that lives until the stream moves on. Memory stays flat whatever
// the file size: the stream holds one chunk's worth of parsed tags, plus the item it expands.
//
// Safety: see XmlPushParser (no network, no entity substitution, no DTD, libxml2's limits on)
// and PrologGuard (any DOCTYPE is refused before libxml2 sees it).
// Every failure — unreadable file, malformed or truncated XML, bad encoding — is thrown as
// crmsync::InputError(display_name, line, message). Not thread-safe; one stream per thread.
#include <cstddef>
#include <optional>
#include <string>

#include "adapters/onec/commerceml/xml_element.h"
#include "adapters/onec/commerceml/xml_element_tree.h"
#include "adapters/onec/commerceml/xml_events.h"
#include "adapters/onec/commerceml/xml_file_input.h"
#include "adapters/onec/commerceml/xml_push_parser.h"

namespace crmsync::commerceml {

class XmlStream {
public:
    // Opens `path`; `display_name` names the file in every error.
    XmlStream(const std::string& path, std::string display_name);
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Moves to the next tag, start or end, in document order; false at the end of the
    // document. An empty element <a/> has both. Text, comments and instructions are passed.
    bool read();
    // From a start tag, moves past the element and everything inside it to the next tag; from
    // an end tag, the same as read(). False at the end of the document.
    bool skip();

    bool isStartElement() const;
    bool isEndElement() const;
    // Of the current tag: the root element is at 0.
    int depth() const;
    // Whether the current tag's local name is `local_name` (namespace ignored).
    bool nameIs(const char* local_name) const;
    std::string localName() const;
    // The current start tag's attribute with that name and no namespace prefix, as written
    // (not trimmed).
    std::optional<std::string> attribute(const char* local_name) const;

    // The element whose start tag is current, with its whole subtree; the stream then stands
    // on its end tag. Valid until the stream moves on.
    const dom::Element* expand();
    // Source line of the current tag; at the end of the document, the line the parser reached.
    std::size_t line() const;

    const std::string& displayName() const { return display_name_; }

    // Throws InputError(display_name, line, message).
    [[noreturn]] void fail(std::size_t line, const std::string& message) const;

private:
    const XmlEvent& current() const { return events_[position_]; }
    // Moves to the next event of any kind; false at the end of the document.
    bool next();
    // Drops every event and parses until new ones arrive; false at the end of the document.
    bool refill();
    // Parses one more chunk, keeping the events there are; false at the end of the document.
    bool parseMore();
    // The current element's extent, parsing on until its end tag is there.
    XmlElementTree::Extent bufferElement();
    // Throws what the input or the parser noted.
    void check() const;
    // The message for a libxml2 error, with the likely cause when the file was cut short.
    std::string describe(const XmlParseError& error) const;
    [[noreturn]] void failDoctype(std::size_t line) const;

    // The parser appends to events_ and the tree points into them: declared in that order.
    std::string display_name_;
    XmlFileInput input_;
    XmlEvents events_;
    XmlPushParser parser_;
    XmlElementTree tree_;
    std::size_t position_ = 0;
    bool positioned_ = false;     // position_ is an event (not before the first, not at the end)
    bool first_chunk_fed_ = false;  // the chunk the parser started with has been parsed
};

// The child elements of the element a stream stands on, one after another:
//
//     ChildElements children(xml);
//     while (children.next()) { if (xml.nameIs(...)) ...; }
//
// Inside the loop the stream stands on a child's start tag; the body may expand it, iterate
// its own children or leave it alone: next() moves past it in every case.
class ChildElements {
public:
    explicit ChildElements(XmlStream& xml);
    bool next();

private:
    XmlStream& xml_;
    int parent_depth_;
    bool started_ = false;
    bool done_;
};

}  // namespace crmsync::commerceml
