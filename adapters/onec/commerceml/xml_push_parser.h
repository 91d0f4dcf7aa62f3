#pragma once
// libxml2's SAX2 push parser, set up to refuse what is unsafe, turning what it parses into
// XmlEvents. It never throws through libxml2's C frames: a callback that fails (or meets a
// DOCTYPE) notes why and stops the parser, and the owner asks after every feed().
//
// Safety: no network (XML_PARSE_NONET), no entity substitution, no DTD loading, a DOCTYPE
// stops the parser before its internal subset is read, and libxml2's size limits stay on (no
// XML_PARSE_HUGE), including the two its push parser leaves to the tree builder: 10 MB for one
// text and 256 for the nesting depth. Not thread-safe; while it lives it takes over the
// thread's libxml2 error handler.
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/parser.h>

#include "adapters/onec/commerceml/xml_events.h"

namespace crmsync::commerceml {

struct XmlParseError {
    std::string message;  // libxml2's, on one line
    std::size_t line = 0; // 0 when libxml2 gave none (encoding errors)
    bool at_end = false;  // raised by finish(): every byte had been parsed without an error
};

class XmlPushParser {
public:
    // Parsed events are appended to `events`, which must outlive the parser.
    explicit XmlPushParser(XmlEvents& events);
    ~XmlPushParser();
    XmlPushParser(const XmlPushParser&) = delete;
    XmlPushParser& operator=(const XmlPushParser&) = delete;

    // Creates the parser over the document's first bytes, so that it chooses the encoding from
    // the BOM and the XML declaration they hold; they are parsed by the first feed(). `path`
    // only names the document inside libxml2. False when libxml2 cannot create a parser.
    bool start(std::string_view first_chunk, const std::string& path);
    // Parses what start() was given and then `chunk`. Afterwards check doctypeLine, exception,
    // firstError and wellFormed, in that order.
    void feed(std::string_view chunk);
    // Tells the parser the document has no more bytes; it reports what is left unfinished.
    void finish();

    // The document has been fed to its end (or the parser never started).
    bool finished() const { return finished_; }
    // The line of a DOCTYPE the parser met (the byte-level PrologGuard misses one in UTF-16).
    std::optional<std::size_t> doctypeLine() const { return doctype_line_; }
    // What a callback threw (memory exhaustion), to be rethrown by the owner.
    std::exception_ptr exception() const { return exception_; }
    // The first error libxml2 reported; warnings are not errors.
    const std::optional<XmlParseError>& firstError() const { return first_error_; }
    bool wellFormed() const;
    // The root element's end tag has been parsed.
    bool rootClosed() const { return root_closed_; }
    // The line the parser has reached (ahead of what the owner has consumed).
    std::size_t line() const;

private:
    // libxml2 reports some failures (encoding conversion) to the thread's global handler rather
    // than the parser's; the parser takes that handler over while it lives.
    class ScopedErrorHandler {
    public:
        explicit ScopedErrorHandler(XmlPushParser* parser);
        ~ScopedErrorHandler();
        ScopedErrorHandler(const ScopedErrorHandler&) = delete;
        ScopedErrorHandler& operator=(const ScopedErrorHandler&) = delete;

    private:
        xmlStructuredErrorFunc previous_ = nullptr;
        void* previous_context_ = nullptr;
    };
    struct ContextDeleter {
        void operator()(xmlParserCtxtPtr context) const { xmlFreeParserCtxt(context); }
    };

    static void onStart(void* self, const xmlChar* local_name, const xmlChar* prefix,
                        const xmlChar* uri, int namespace_count, const xmlChar** namespaces,
                        int attribute_count, int defaulted_count, const xmlChar** attributes);
    static void onEnd(void* self, const xmlChar* local_name, const xmlChar* prefix,
                      const xmlChar* uri);
    static void onText(void* self, const xmlChar* text, int size);
    static void onComment(void* self, const xmlChar* text);
    static void onInstruction(void* self, const xmlChar* target, const xmlChar* data);
    static void onDoctype(void* self, const xmlChar* name, const xmlChar* external_id,
                         const xmlChar* system_id);
    static void onError(void* self, xmlErrorPtr error);
    static const xmlSAXHandler* handler();

    void start(const xmlChar* local_name, int attribute_count, const xmlChar** attributes);
    void text(const xmlChar* text, int size);
    void noteError(std::string message, std::size_t line);
    // Runs a callback's work; anything it throws is kept for the owner and stops the parser.
    template <typename Work>
    void guarded(Work&& work) noexcept;

    // Declared in teardown order: the parser goes, then the error handler is restored.
    XmlEvents& events_;
    ScopedErrorHandler error_handler_;
    std::unique_ptr<xmlParserCtxt, ContextDeleter> context_;
    int depth_ = 0;                 // open elements
    bool text_run_open_ = false;    // the last callback was character data
    std::size_t text_run_size_ = 0; // bytes of character data in a row, for libxml2's limit
    bool root_closed_ = false;
    bool finishing_ = false;
    bool finished_ = true;
    std::string too_short_to_start_;  // first bytes held back from start()
    std::optional<std::size_t> doctype_line_;
    std::exception_ptr exception_;
    std::optional<XmlParseError> first_error_;
};

}  // namespace crmsync::commerceml
