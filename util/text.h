#pragma once
// ASCII-only text helpers. 1C pads values with ASCII blanks and file names and keywords are
// ASCII, so none of these look at the locale nor touch bytes above 0x7F (UTF-8 stays as is;
// mapping/text_case.h does Cyrillic case).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace crmsync::util {

// Space, tab, CR or LF.
constexpr bool isAsciiBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `text` without leading and trailing ASCII blanks; a view into `text`, so keep what it views
// alive (copy it into a std::string to keep the result).
std::string_view trimmed(std::string_view text);

// A..Z -> a..z, every other byte unchanged.
std::string asciiLower(std::string_view text);

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);

// Whether `path`'s extension is `extension` (with its dot, ".xml") in any ASCII case, so
// "IMPORT.XML" counts as ".xml" as 1C on Windows writes it.
bool hasExtension(const std::filesystem::path& path, std::string_view extension);

// Reads 1..max_digits decimal digits at `pos` into `out`, moving `pos` past them; false (with
// `pos` unmoved) when there is no digit at `pos`.
bool readDigits(std::string_view text, std::size_t& pos, std::size_t max_digits, int& out);

}  // namespace crmsync::util
