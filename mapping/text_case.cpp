#include "mapping/text_case.h"

namespace crmsync::mapping {

namespace {

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else {  // the Cyrillic block is all two-byte sequences
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

template <typename MapCyrillic>
std::string convert(const std::string& text, bool upper, MapCyrillic map) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            bool lower_ascii = c >= 'a' && c <= 'z';
            bool upper_ascii = c >= 'A' && c <= 'Z';
            if (upper && lower_ascii) {
                c = static_cast<unsigned char>(c - 'a' + 'A');
            } else if (!upper && upper_ascii) {
                c = static_cast<unsigned char>(c - 'A' + 'a');
            }
            out += static_cast<char>(c);
            continue;
        }
        if ((c == 0xD0 || c == 0xD1) && i + 1 < text.size()) {
            char32_t cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            appendUtf8(out, map(cp));
            ++i;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

}  // namespace

std::string toUpperUtf8(const std::string& text) {
    return convert(text, true, [](char32_t cp) -> char32_t {
        if (cp >= 0x430 && cp <= 0x44F) {
            return cp - 0x20;  // а..я
        }
        if (cp >= 0x450 && cp <= 0x45F) {
            return cp - 0x50;  // ѐ..џ, with ё
        }
        return cp;
    });
}

std::string toLowerUtf8(const std::string& text) {
    return convert(text, false, [](char32_t cp) -> char32_t {
        if (cp >= 0x410 && cp <= 0x42F) {
            return cp + 0x20;
        }
        if (cp >= 0x400 && cp <= 0x40F) {
            return cp + 0x50;
        }
        return cp;
    });
}

}  // namespace crmsync::mapping
