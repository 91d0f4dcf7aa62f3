#include "util/text.h"

namespace crmsync::util {

namespace {

char asciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && isAsciiBlank(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isAsciiBlank(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string asciiLower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = asciiLowerChar(c);
    }
    return lower;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLowerChar(a[i]) != asciiLowerChar(b[i])) {
            return false;
        }
    }
    return true;
}

bool hasExtension(const std::filesystem::path& path, std::string_view extension) {
    return equalsIgnoringAsciiCase(path.extension().string(), extension);
}

bool readDigits(std::string_view text, std::size_t& pos, std::size_t max_digits, int& out) {
    std::size_t start = pos;
    out = 0;
    while (pos < text.size() && pos - start < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        out = out * 10 + (text[pos] - '0');
        ++pos;
    }
    return pos > start;
}

}  // namespace crmsync::util
