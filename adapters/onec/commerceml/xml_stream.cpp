#include "adapters/onec/commerceml/xml_stream.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "crmcore/error.h"

namespace crmsync::commerceml {

namespace {

const char* const kDoctypeRefused =
    "DOCTYPE is not allowed in CommerceML (entity expansion and external entities are refused)";

}  // namespace

XmlStream::XmlStream(const std::string& path, std::string display_name)
    : display_name_(std::move(display_name)), parser_(events_) {
    if (!input_.open(path)) {
        fail(0, std::string("cannot open the file: ") + std::strerror(errno));
    }
    // The parser starts on the first chunk so that it sees the BOM and the XML declaration
    // before it settles on an encoding.
    std::string_view first_chunk = input_.read();
    check();
    if (!parser_.start(first_chunk, path)) {
        fail(0, "cannot start the XML reader");
    }
}

bool XmlStream::read() {
    while (next()) {
        if (current().kind != XmlEvent::Kind::Text) {
            return true;
        }
    }
    return false;
}

bool XmlStream::skip() {
    if (positioned_ && current().kind == XmlEvent::Kind::Start) {
        const int depth = current().depth;
        while (next()) {
            if (current().kind == XmlEvent::Kind::End && current().depth == depth) {
                break;
            }
        }
    }
    return read();
}

bool XmlStream::next() {
    if (positioned_ && position_ + 1 < events_.size()) {
        ++position_;
        return true;
    }
    positioned_ = refill();
    position_ = 0;
    return positioned_;
}

bool XmlStream::refill() {
    events_.clear();
    while (events_.empty()) {
        if (!parseMore()) {
            return false;
        }
    }
    return true;
}

bool XmlStream::parseMore() {
    if (parser_.finished()) {
        return false;
    }
    if (!first_chunk_fed_) {
        first_chunk_fed_ = true;
        parser_.feed({});
    } else if (input_.atEnd()) {
        parser_.finish();
    } else {
        std::string_view chunk = input_.read();
        check();
        parser_.feed(chunk);
    }
    check();
    return true;
}

XmlElementTree::Extent XmlStream::bufferElement() {
    const int depth = current().depth;
    XmlElementTree::Extent extent;
    extent.elements = 1;
    extent.attributes = current().count;
    std::size_t i = position_ + 1;
    for (;; ++i) {
        while (i >= events_.size()) {
            // Chunks end inside items, so the stream rarely runs dry at a tag: what precedes
            // the element is dropped here, or the events would pile up for the whole file.
            events_.discardBefore(position_);
            i -= position_;
            position_ = 0;
            if (!parseMore()) {
                // libxml2 reports an unclosed element before it gets here.
                fail(parser_.line(), "malformed XML: the file ends before the document does");
            }
        }
        const XmlEvent& event = events_[i];
        if (event.kind == XmlEvent::Kind::End && event.depth == depth) {
            break;
        }
        if (event.kind == XmlEvent::Kind::Start) {
            ++extent.elements;
            extent.attributes += event.count;
        } else if (event.kind == XmlEvent::Kind::Text) {
            ++extent.texts;
        }
    }
    extent.end = i;
    return extent;
}

const dom::Element* XmlStream::expand() {
    if (!isStartElement()) {
        throw std::logic_error("XmlStream::expand() needs the stream on a start tag");
    }
    XmlElementTree::Extent extent = bufferElement();
    const dom::Element* element = tree_.build(events_, position_, extent);
    position_ = extent.end;
    return element;
}

void XmlStream::check() const {
    if (input_.doctypeRefused()) {
        failDoctype(input_.doctypeLine());
    }
    if (input_.readFailed()) {
        fail(parser_.line(), "cannot read the file: I/O error");
    }
    // Second line of defence for what the byte-level guard cannot see (a UTF-16 document).
    if (auto line = parser_.doctypeLine()) {
        failDoctype(*line);
    }
    if (parser_.exception()) {
        std::rethrow_exception(parser_.exception());
    }
    if (const auto& error = parser_.firstError()) {
        fail(error->line > 0 ? error->line : parser_.line(), describe(*error));
    }
    if (!parser_.wellFormed()) {
        fail(parser_.line(), "malformed XML: the XML reader stopped");
    }
}

std::string XmlStream::describe(const XmlParseError& error) const {
    // A cut-short upload is the usual reason, but libxml2 words it as whatever it was parsing
    // when the bytes ran out ("Extra content at the end of the document", "expected '>'"). An
    // error on the very last line, once every byte has been parsed and before the root element
    // has closed, is that case.
    bool cut_short = error.at_end && !parser_.rootClosed() && error.line >= input_.lastLine();
    if (cut_short) {
        return "malformed XML: the file ends before the document does (truncated?); libxml2: " +
               error.message;
    }
    return "malformed XML: " + error.message;
}

bool XmlStream::isStartElement() const {
    return positioned_ && current().kind == XmlEvent::Kind::Start;
}

bool XmlStream::isEndElement() const {
    return positioned_ && current().kind == XmlEvent::Kind::End;
}

int XmlStream::depth() const { return positioned_ ? current().depth : -1; }

bool XmlStream::nameIs(const char* local_name) const {
    return positioned_ && current().name != nullptr &&
           std::strcmp(current().name, local_name) == 0;
}

std::string XmlStream::localName() const {
    return positioned_ && current().name != nullptr ? current().name : std::string();
}

std::optional<std::string> XmlStream::attribute(const char* local_name) const {
    if (!isStartElement()) {
        return std::nullopt;
    }
    const XmlEvent& start = current();
    for (std::size_t i = start.first; i < start.first + start.count; ++i) {
        const XmlEventAttribute& attribute = events_.attribute(i);
        if (!attribute.namespaced && std::strcmp(attribute.name, local_name) == 0) {
            return std::string(events_.chars(attribute.offset, attribute.size));
        }
    }
    return std::nullopt;
}

std::size_t XmlStream::line() const { return positioned_ ? current().line : parser_.line(); }

void XmlStream::fail(std::size_t line, const std::string& message) const {
    throw InputError(display_name_, line, message);
}

void XmlStream::failDoctype(std::size_t line) const { fail(line, kDoctypeRefused); }

ChildElements::ChildElements(XmlStream& xml)
    : xml_(xml), parent_depth_(xml.depth()), done_(!xml.isStartElement()) {}

bool ChildElements::next() {
    if (done_) {
        return false;
    }
    bool more = started_ ? xml_.skip() : xml_.read();
    started_ = true;
    while (more) {
        if (xml_.depth() <= parent_depth_) {
            break;  // the parent's end tag
        }
        if (xml_.depth() == parent_depth_ + 1 && xml_.isStartElement()) {
            return true;
        }
        more = xml_.read();
    }
    done_ = true;
    return false;
}

}  // namespace crmsync::commerceml
