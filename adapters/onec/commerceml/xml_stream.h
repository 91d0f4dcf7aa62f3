#pragma once
// A forward-only, refuse-what-is-unsafe XML reader over libxml2's xmlTextReader: the document
// is pulled node by node, and one item element at a time can be expanded into a small tree
// that the reader frees once it moves on. Memory stays flat whatever the file size.
//
// Safety: no network (XML_PARSE_NONET), no entity substitution, no DTD loading, and any
// DOCTYPE is refused outright (see PrologGuard). libxml2's own size limits stay on.
// Every failure — unreadable file, malformed or truncated XML, bad encoding — is thrown as
// crmsync::InputError(display_name, line, message). Not thread-safe; one stream per thread.
#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "adapters/onec/commerceml/prolog_guard.h"

namespace crmsync::commerceml {

class XmlStream {
public:
    // Opens `path`; `display_name` names the file in every error.
    XmlStream(const std::string& path, std::string display_name);
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Moves to the next node in document order; false at the end of the document.
    bool read();
    // Moves past the current node and everything inside it; false at the end of the document.
    bool skip();

    bool isStartElement() const;
    bool isEndElement() const;
    bool isEmptyElement() const;
    int depth() const;
    // Whether the current node's local name is `local_name` (namespace ignored).
    bool nameIs(const char* local_name) const;
    std::string localName() const;
    // The current element's attribute with that local name, as written (not trimmed).
    std::optional<std::string> attribute(const char* local_name) const;

    // The current element with its whole subtree, parsed on demand. Valid until the stream
    // moves; the reader frees it then.
    const xmlNode* expand();
    // Source line of the current node.
    std::size_t line() const;

    const std::string& displayName() const { return display_name_; }

    // Throws InputError(display_name, line, message).
    [[noreturn]] void fail(std::size_t line, const std::string& message) const;

private:
    struct FileInput {
        ~FileInput();
        std::FILE* file = nullptr;
        PrologGuard guard;
        bool doctype_refused = false;
        bool read_failed = false;
        bool at_end = false;    // every byte of the file has been handed to libxml2
        std::size_t lines = 1;  // lines handed over so far
        bool ends_with_newline = false;
    };
    struct FirstError {
        std::string message;
        std::size_t line = 0;
    };
    // libxml2 reports some failures (encoding conversion) to the thread's global handler rather
    // than the reader's; a stream takes that handler over while it lives.
    class ScopedErrorHandler {
    public:
        ScopedErrorHandler(void* context, xmlStructuredErrorFunc handler);
        ~ScopedErrorHandler();
        ScopedErrorHandler(const ScopedErrorHandler&) = delete;
        ScopedErrorHandler& operator=(const ScopedErrorHandler&) = delete;

    private:
        xmlStructuredErrorFunc previous_ = nullptr;
        void* previous_context_ = nullptr;
    };
    struct ReaderDeleter {
        void operator()(xmlTextReaderPtr reader) const { xmlFreeTextReader(reader); }
    };

    static int readInput(void* context, char* buffer, int length);
    static int closeInput(void* context);
    static void onError(void* context, xmlErrorPtr error);

    // Turns a libxml2 result into a throw when it or the error handler reports a failure.
    int check(int result);
    // The message for a libxml2 error, with the likely cause when the file was cut short.
    std::string describe(const FirstError& error) const;
    void noteRootEnd();
    // The line libxml2's parser has reached (ahead of the current node: it reads in chunks).
    std::size_t parserLine() const;
    [[noreturn]] void failDoctype(std::size_t line) const;

    // Declared in teardown order: the reader closes the input, then the handler is restored.
    std::string display_name_;
    ScopedErrorHandler error_handler_;
    std::unique_ptr<FileInput> input_;
    std::unique_ptr<xmlTextReader, ReaderDeleter> reader_;
    std::optional<FirstError> first_error_;
    bool root_closed_ = false;
};

// The child elements of the element a stream stands on, one after another:
//
//     ChildElements children(xml);
//     while (children.next()) { if (xml.nameIs(...)) ...; }
//
// Inside the loop the stream stands on a child's start tag; the body may expand it, iterate
// its own children or leave it alone: next() moves past it in every case. Text, comments and
// processing instructions between the children are passed over.
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
