#include "adapters/onec/commerceml/xml_push_parser.h"

#include <string>

#include <libxml/parserInternals.h>

namespace crmsync::commerceml {

namespace {

// NONET: no network, ever. No NOENT, DTDLOAD, DTDATTR or HUGE: entities stay unsubstituted,
// no DTD is fetched and libxml2's size limits stay on. NOCDATA: CDATA arrives as text. No tree
// is built, so the tree-building options (COMPACT, BIG_LINES) do not apply: lines come from
// the parser's own counter, which does not saturate at 65535.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;

// What libxml2's tree builder says when one text outgrows XML_MAX_TEXT_LENGTH. The push
// parser leaves that limit to the tree builder, which this parser does without.
const char* const kHugeText = "xmlSAX2Characters: huge text node";

const char* asChars(const xmlChar* text) { return reinterpret_cast<const char*>(text); }

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

XmlPushParser* self(void* context) { return static_cast<XmlPushParser*>(context); }

}  // namespace

XmlPushParser::ScopedErrorHandler::ScopedErrorHandler(XmlPushParser* parser) {
    xmlInitParser();  // sets up libxml2's per-thread globals, this handler among them; idempotent
    previous_ = xmlStructuredError;
    previous_context_ = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(parser, &XmlPushParser::onError);
}

XmlPushParser::ScopedErrorHandler::~ScopedErrorHandler() {
    xmlSetStructuredErrorFunc(previous_context_, previous_);
}

XmlPushParser::XmlPushParser(XmlEvents& events) : events_(events), error_handler_(this) {}

XmlPushParser::~XmlPushParser() = default;

const xmlSAXHandler* XmlPushParser::handler() {
    static const xmlSAXHandler sax = [] {
        xmlSAXHandler h{};
        h.initialized = XML_SAX2_MAGIC;
        h.startElementNs = &XmlPushParser::onStart;
        h.endElementNs = &XmlPushParser::onEnd;
        h.characters = &XmlPushParser::onText;
        // The same function for both makes libxml2 skip its blank-text guesswork: whitespace
        // is text like any other, as libxml2's tree builder keeps it too.
        h.ignorableWhitespace = &XmlPushParser::onText;
        h.comment = &XmlPushParser::onComment;
        h.processingInstruction = &XmlPushParser::onInstruction;
        // Every DOCTYPE passes internalSubset before its declarations are parsed.
        h.internalSubset = &XmlPushParser::onDoctype;
        h.externalSubset = &XmlPushParser::onDoctype;
        h.serror = &XmlPushParser::onError;
        // No getEntity, entityDecl or resolveEntity: nothing can be declared or fetched, and
        // libxml2 resolves the predefined entities itself.
        return h;
    }();
    return &sax;
}

bool XmlPushParser::start(std::string_view first_chunk, const std::string& path) {
    // libxml2 looks for a BOM only when it is created with four bytes or more; given fewer
    // (a file cut that short) it waits for them instead, and is given them with the first feed.
    if (first_chunk.size() < 4) {
        too_short_to_start_.assign(first_chunk);
        first_chunk = {};
    }
    // libxml2 copies the handler; it only wants it non-const.
    auto* sax = const_cast<xmlSAXHandler*>(handler());
    context_.reset(xmlCreatePushParserCtxt(sax, this, first_chunk.data(),
                                           static_cast<int>(first_chunk.size()), path.c_str()));
    if (!context_) {
        return false;
    }
    xmlCtxtUseOptions(context_.get(), kParseOptions);
    finished_ = false;
    return true;
}

void XmlPushParser::feed(std::string_view chunk) {
    if (!too_short_to_start_.empty()) {
        std::string bytes = std::move(too_short_to_start_);
        too_short_to_start_.clear();
        feed(bytes);
    }
    if (!finished_) {
        xmlParseChunk(context_.get(), chunk.empty() ? nullptr : chunk.data(),
                      static_cast<int>(chunk.size()), 0);
    }
}

void XmlPushParser::finish() {
    if (!finished_) {
        // Kept apart from the last bytes, so that an error raised here is known to be about
        // the document ending too early rather than about those bytes.
        finishing_ = true;
        xmlParseChunk(context_.get(), nullptr, 0, 1);
        finished_ = true;
    }
}

bool XmlPushParser::wellFormed() const { return !context_ || context_->wellFormed != 0; }

std::size_t XmlPushParser::line() const {
    if (!context_ || context_->input == nullptr || context_->input->line <= 0) {
        return 0;
    }
    return static_cast<std::size_t>(context_->input->line);
}

template <typename Work>
void XmlPushParser::guarded(Work&& work) noexcept {
    try {
        work();
    } catch (...) {
        if (!exception_) {
            exception_ = std::current_exception();
        }
        xmlStopParser(context_.get());
    }
}

void XmlPushParser::onStart(void* context, const xmlChar* local_name, const xmlChar*,
                            const xmlChar*, int, const xmlChar**, int attribute_count, int,
                            const xmlChar** attributes) {
    XmlPushParser* parser = self(context);
    parser->guarded([&] { parser->start(local_name, attribute_count, attributes); });
}

void XmlPushParser::start(const xmlChar* local_name, int attribute_count,
                          const xmlChar** attributes) {
    // The push parser leaves the depth limit to the tree builder, as it does the text limit.
    if (static_cast<unsigned int>(depth_) > xmlParserMaxDepth) {
        noteError("Excessive depth in document: " + std::to_string(xmlParserMaxDepth) +
                      " use XML_PARSE_HUGE option",
                  line());
        xmlStopParser(context_.get());
        return;
    }
    // The parser has just read the whole start tag, so its line is the one libxml2's tree
    // builder would give the element.
    events_.addStart(asChars(local_name), depth_, line());
    // Five pointers per attribute: local name, prefix, URI, value, end of value.
    for (int i = 0; i < attribute_count; ++i) {
        const xmlChar** attribute = attributes + 5 * i;
        events_.addAttribute(asChars(attribute[0]), attribute[1] != nullptr,
                             asChars(attribute[3]),
                             static_cast<std::size_t>(attribute[4] - attribute[3]));
    }
    ++depth_;
    text_run_open_ = false;
}

void XmlPushParser::onEnd(void* context, const xmlChar* local_name, const xmlChar*,
                          const xmlChar*) {
    XmlPushParser* parser = self(context);
    parser->guarded([&] {
        --parser->depth_;
        parser->events_.addEnd(asChars(local_name), parser->depth_, parser->line());
        parser->root_closed_ = parser->depth_ == 0;
        parser->text_run_open_ = false;
    });
}

void XmlPushParser::onText(void* context, const xmlChar* text, int size) {
    XmlPushParser* parser = self(context);
    parser->guarded([&] { parser->text(text, size); });
}

void XmlPushParser::text(const xmlChar* text, int size) {
    // libxml2 hands a long text over in pieces of a few hundred bytes; a run of them is one
    // text, as libxml2's tree builder makes it one text node (and applies its limit to).
    auto length = static_cast<std::size_t>(size);
    text_run_size_ = text_run_open_ ? text_run_size_ + length : length;
    if (text_run_size_ > XML_MAX_TEXT_LENGTH) {
        noteError(kHugeText, line());
        xmlStopParser(context_.get());
        return;
    }
    events_.addText(asChars(text), length, depth_, text_run_open_);
    text_run_open_ = true;
}

// A comment or processing instruction ends a text run, as it ends a text node in libxml2's
// tree builder.
void XmlPushParser::onComment(void* context, const xmlChar*) {
    self(context)->text_run_open_ = false;
}

void XmlPushParser::onInstruction(void* context, const xmlChar*, const xmlChar*) {
    self(context)->text_run_open_ = false;
}

void XmlPushParser::onDoctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
    XmlPushParser* parser = self(context);
    if (!parser->doctype_line_) {
        parser->doctype_line_ = parser->line();
    }
    xmlStopParser(parser->context_.get());
}

void XmlPushParser::onError(void* context, xmlErrorPtr error) {
    // Warnings (e.g. about namespace URIs) do not make a file unreadable; only the first
    // error is kept, later ones are usually its echoes.
    if (error == nullptr || error->level < XML_ERR_ERROR) {
        return;
    }
    // Encoding errors come from the input layer without a line; the owner then takes the line
    // the parser stopped at, which is where the undecodable bytes are.
    std::size_t line = error->line > 0 ? static_cast<std::size_t>(error->line) : 0;
    XmlPushParser* parser = self(context);
    parser->guarded([&] { parser->noteError(cleanMessage(error->message), line); });
}

void XmlPushParser::noteError(std::string message, std::size_t line) {
    if (!first_error_) {
        first_error_ = XmlParseError{std::move(message), line, finishing_};
    }
}

}  // namespace crmsync::commerceml
