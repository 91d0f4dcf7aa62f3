#include "adapters/onec/commerceml/xml_stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <libxml/parser.h>

#include "adapters/onec/commerceml/xml_node.h"
#include "crmcore/error.h"

namespace crmsync::commerceml {

namespace {

// NONET: no network, ever. No NOENT, DTDLOAD, DTDATTR or HUGE: entities stay unsubstituted,
// no DTD is fetched and libxml2's size limits stay on. The rest is for speed and convenience:
// CDATA arrives as text, small texts are stored inside their node, and line numbers above
// 65535 are kept (a 150 MB unload has millions of lines and an admin needs the right one;
// dom::line relies on the whitespace text nodes kept for that, so no XML_PARSE_NOBLANKS).
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

const char* const kDoctypeRefused =
    "DOCTYPE is not allowed in CommerceML (entity expansion and external entities are refused)";

// libxml2 messages end with a newline and sometimes span lines; an error line must not.
std::string cleanMessage(const char* raw) {
    std::string message = raw == nullptr ? "" : raw;
    for (char& c : message) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    while (!message.empty() && message.back() == ' ') {
        message.pop_back();
    }
    return message.empty() ? "the XML parser failed" : message;
}

}  // namespace

XmlStream::ScopedErrorHandler::ScopedErrorHandler(void* context, xmlStructuredErrorFunc handler) {
    xmlInitParser();  // sets up libxml2's per-thread globals, this handler among them; idempotent
    previous_ = xmlStructuredError;
    previous_context_ = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(context, handler);
}

XmlStream::ScopedErrorHandler::~ScopedErrorHandler() {
    xmlSetStructuredErrorFunc(previous_context_, previous_);
}

XmlStream::FileInput::~FileInput() {
    if (file != nullptr) {
        std::fclose(file);
    }
}

XmlStream::XmlStream(const std::string& path, std::string display_name)
    : display_name_(std::move(display_name)),
      error_handler_(this, &XmlStream::onError),
      input_(std::make_unique<FileInput>()) {
    input_->file = std::fopen(path.c_str(), "rb");
    if (input_->file == nullptr) {
        fail(0, std::string("cannot open the file: ") + std::strerror(errno));
    }
    reader_.reset(xmlReaderForIO(&XmlStream::readInput, &XmlStream::closeInput, input_.get(),
                                 path.c_str(), nullptr, kParseOptions));
    if (input_->doctype_refused) {
        failDoctype(input_->guard.doctypeLine());
    }
    if (!reader_) {
        fail(0, "cannot start the XML reader");
    }
    xmlTextReaderSetStructuredErrorHandler(reader_.get(), &XmlStream::onError, this);
}

int XmlStream::readInput(void* context, char* buffer, int length) {
    auto* input = static_cast<FileInput*>(context);
    std::size_t count = std::fread(buffer, 1, static_cast<std::size_t>(length), input->file);
    if (count == 0) {
        input->read_failed = std::ferror(input->file) != 0;
        input->at_end = !input->read_failed;
        return input->read_failed ? -1 : 0;
    }
    input->lines += static_cast<std::size_t>(std::count(buffer, buffer + count, '\n'));
    input->ends_with_newline = buffer[count - 1] == '\n';
    // Exceptions must not cross libxml2's C frames: a refusal is noted and reported by check().
    if (!input->guard.accept(buffer, count)) {
        input->doctype_refused = true;
        return -1;
    }
    return static_cast<int>(count);
}

int XmlStream::closeInput(void* context) {
    auto* input = static_cast<FileInput*>(context);
    int result = input->file != nullptr ? std::fclose(input->file) : 0;
    input->file = nullptr;
    return result;
}

void XmlStream::onError(void* context, xmlErrorPtr error) {
    auto* self = static_cast<XmlStream*>(context);
    // Warnings (e.g. about namespace URIs) do not make a file unreadable; only the first
    // error is kept, later ones are usually its echoes.
    if (error == nullptr || error->level < XML_ERR_ERROR || self->first_error_) {
        return;
    }
    // Encoding errors come from the input layer without a line; check() then takes the line
    // the parser stopped at, which is where the undecodable bytes are.
    std::size_t line = error->line > 0 ? static_cast<std::size_t>(error->line) : 0;
    self->first_error_ = FirstError{cleanMessage(error->message), line};
}

int XmlStream::check(int result) {
    if (input_->doctype_refused) {
        failDoctype(input_->guard.doctypeLine());
    }
    if (input_->read_failed) {
        fail(parserLine(), "cannot read the file: I/O error");
    }
    if (first_error_) {
        std::size_t line = first_error_->line > 0 ? first_error_->line : parserLine();
        fail(line, describe(*first_error_));
    }
    if (result < 0) {
        fail(parserLine(), "malformed XML: the XML reader stopped");
    }
    return result;
}

std::string XmlStream::describe(const FirstError& error) const {
    // A cut-short upload is the usual reason, but libxml2's reader words it as whatever it was
    // parsing when the bytes ran out ("Extra content at the end of the document", "expected
    // '>'"). An error on the very last line, before the root element has closed, is that case.
    std::size_t last_line = input_->lines - (input_->ends_with_newline ? 1 : 0);
    bool cut_short = input_->at_end && !root_closed_ && error.line >= last_line;
    if (cut_short) {
        return "malformed XML: the file ends before the document does (truncated?); libxml2: " +
               error.message;
    }
    return "malformed XML: " + error.message;
}

void XmlStream::noteRootEnd() {
    if (depth() == 0 && (isEndElement() || isEmptyElement())) {
        root_closed_ = true;
    }
}

bool XmlStream::read() {
    bool more = check(xmlTextReaderRead(reader_.get())) == 1;
    if (more) {
        // Second line of defence for what the byte-level guard cannot see (a UTF-16 document).
        if (xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_DOCUMENT_TYPE) {
            failDoctype(line());
        }
        noteRootEnd();
    }
    return more;
}

bool XmlStream::skip() {
    bool more = check(xmlTextReaderNext(reader_.get())) == 1;
    if (more) {
        noteRootEnd();
    }
    return more;
}

bool XmlStream::isStartElement() const {
    return xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_ELEMENT;
}

bool XmlStream::isEndElement() const {
    return xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_END_ELEMENT;
}

bool XmlStream::isEmptyElement() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }

int XmlStream::depth() const { return xmlTextReaderDepth(reader_.get()); }

bool XmlStream::nameIs(const char* local_name) const {
    const xmlChar* name = xmlTextReaderConstLocalName(reader_.get());
    return name != nullptr && std::strcmp(reinterpret_cast<const char*>(name), local_name) == 0;
}

std::string XmlStream::localName() const {
    const xmlChar* name = xmlTextReaderConstLocalName(reader_.get());
    return name == nullptr ? std::string() : reinterpret_cast<const char*>(name);
}

std::optional<std::string> XmlStream::attribute(const char* local_name) const {
    xmlChar* value =
        xmlTextReaderGetAttribute(reader_.get(), reinterpret_cast<const xmlChar*>(local_name));
    if (value == nullptr) {
        return std::nullopt;
    }
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

const xmlNode* XmlStream::expand() {
    xmlNodePtr node = xmlTextReaderExpand(reader_.get());
    check(node == nullptr ? -1 : 0);
    return node;
}

std::size_t XmlStream::line() const {
    std::size_t line = dom::line(xmlTextReaderCurrentNode(reader_.get()));
    return line > 0 ? line : parserLine();  // a DOCTYPE node has no line of its own
}

std::size_t XmlStream::parserLine() const {
    int line = xmlTextReaderGetParserLineNumber(reader_.get());
    return line > 0 ? static_cast<std::size_t>(line) : 0;
}

void XmlStream::fail(std::size_t line, const std::string& message) const {
    throw InputError(display_name_, line, message);
}

void XmlStream::failDoctype(std::size_t line) const { fail(line, kDoctypeRefused); }

ChildElements::ChildElements(XmlStream& xml)
    : xml_(xml), parent_depth_(xml.depth()), done_(xml.isEmptyElement()) {}

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
