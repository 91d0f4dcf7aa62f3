#include "mapping/xml_positions.h"

#include "util/text.h"

namespace crmsync::mapping {

namespace {

bool isNameStart(unsigned char c) {
    return c == '_' || c == ':' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

// Walks the text keeping line and column; a column advances once per UTF-8 character.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
    }
    bool startsWith(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
    Position position() const { return {line_, column_}; }

    void advance() {
        char c = text_[pos_++];
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column_;  // continuation bytes belong to the character already counted
        }
    }
    void skipPast(std::string_view terminator) {
        while (!done() && !startsWith(terminator)) {
            advance();
        }
        for (std::size_t i = 0; i < terminator.size() && !done(); ++i) {
            advance();
        }
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

std::string readName(Cursor& cursor) {
    std::string name;
    while (!cursor.done() && !util::isAsciiBlank(cursor.peek()) && cursor.peek() != '=' &&
           cursor.peek() != '>' && cursor.peek() != '/') {
        name += cursor.peek();
        cursor.advance();
    }
    return name;
}

TagPositions readStartTag(Cursor& cursor) {
    TagPositions tag;
    tag.start = cursor.position();
    cursor.advance();  // '<'
    readName(cursor);
    while (!cursor.done() && cursor.peek() != '>') {
        if (cursor.peek() == '/' || util::isAsciiBlank(cursor.peek())) {
            cursor.advance();
            continue;
        }
        Position at = cursor.position();
        std::string name = readName(cursor);
        if (name.empty()) {
            cursor.advance();  // stray character: libxml2 reports it
            continue;
        }
        tag.attributes.emplace_back(std::move(name), at);
        while (!cursor.done() && cursor.peek() != '"' && cursor.peek() != '\'' &&
               cursor.peek() != '>') {
            cursor.advance();
        }
        if (cursor.peek() == '"' || cursor.peek() == '\'') {
            char quote = cursor.peek();
            cursor.advance();
            cursor.skipPast(std::string_view(&quote, 1));
        }
    }
    return tag;
}

}  // namespace

TextScan scanTags(std::string_view text) {
    TextScan scan;
    Cursor cursor(text);
    while (!cursor.done()) {
        if (cursor.peek() != '<') {
            cursor.advance();
        } else if (cursor.startsWith("<!--")) {
            cursor.skipPast("-->");
        } else if (cursor.startsWith("<![CDATA[")) {
            cursor.skipPast("]]>");
        } else if (cursor.startsWith("<?")) {
            cursor.skipPast("?>");
        } else if (cursor.startsWith("<!DOCTYPE")) {
            if (!scan.doctype) {
                scan.doctype = cursor.position();
            }
            cursor.skipPast(">");
        } else if (isNameStart(static_cast<unsigned char>(cursor.peek(1)))) {
            scan.tags.push_back(readStartTag(cursor));
        } else {
            cursor.advance();
        }
    }
    return scan;
}

}  // namespace crmsync::mapping
