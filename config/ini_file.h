#pragma once
// A small INI reader that remembers where every value came from, so a mistake is reported as
// "crmsync.ini:12: http.listen: must be HOST:PORT" (Poco's INI reader loses line numbers).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace crmsync::config {

class ConfigFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct IniEntry {
    std::string file;
    std::size_t line = 0;
    std::string section;
    std::string key;
    std::string value;

    // "file:line: section.key: message", to throw.
    ConfigFileError error(const std::string& message) const;
};

// Entries in file order. "#" and ";" start comments; blank lines are skipped; values are
// trimmed. Throws ConfigFileError for a line that is neither a section, a key = value nor a
// comment, for a key outside any section, and when the file cannot be read.
std::vector<IniEntry> readIniFile(const std::filesystem::path& path);

}  // namespace crmsync::config
