#pragma once
// The file under an XmlStream, handed to the push parser one chunk at a time. Every chunk
// passes the PrologGuard before libxml2 sees a byte of it, and what has been handed out is
// counted, so that an error on the last line of a file that ended early reads as "truncated".
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/onec/commerceml/prolog_guard.h"

namespace crmsync::commerceml {

class XmlFileInput {
public:
    // What the parser is given at a time. The events of a chunk are held until the stream has
    // pulled them; small chunks keep them in cache and the memory small (on a 100k-product
    // catalog 16 and 64 KB chunks were no faster, took 2% more instructions and held 0.1 and
    // 0.6 MB more).
    static constexpr std::size_t kChunkSize = 4 * 1024;
    // What the file is read by, so that small chunks do not cost a system call each.
    static constexpr std::size_t kReadSize = 4 * kChunkSize;

    XmlFileInput() = default;
    ~XmlFileInput();
    XmlFileInput(const XmlFileInput&) = delete;
    XmlFileInput& operator=(const XmlFileInput&) = delete;

    // False with errno set when the file cannot be opened.
    bool open(const std::string& path);

    // The next bytes of the file; empty at the end, after a read error and when the bytes
    // start a DOCTYPE (see readFailed, doctypeRefused). Valid until the next read().
    std::string_view read();

    // Every byte of the file has been handed out (the last chunk may come with it).
    bool atEnd() const { return at_end_; }
    bool readFailed() const { return read_failed_; }
    bool doctypeRefused() const { return doctype_refused_; }
    std::size_t doctypeLine() const { return guard_.doctypeLine(); }
    // The line the bytes handed out so far end on; a final newline opens no line of its own.
    std::size_t lastLine() const { return lines_ - (ends_with_newline_ ? 1 : 0); }

private:
    std::FILE* file_ = nullptr;
    PrologGuard guard_;
    std::vector<char> buffer_;
    std::size_t filled_ = 0;  // bytes of buffer_ read from the file
    std::size_t next_ = 0;    // the first of them not handed out yet
    bool file_ended_ = false;
    bool at_end_ = false;
    bool read_failed_ = false;
    bool doctype_refused_ = false;
    std::size_t lines_ = 1;
    bool ends_with_newline_ = false;
};

}  // namespace crmsync::commerceml
