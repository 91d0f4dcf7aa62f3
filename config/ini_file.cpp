#include "config/ini_file.h"

#include <fstream>

#include "util/text.h"

namespace crmsync::config {

namespace {

std::string trim(std::string_view s) { return std::string(util::trimmed(s)); }

}  // namespace

ConfigFileError IniEntry::error(const std::string& message) const {
    return ConfigFileError(file + ":" + std::to_string(line) + ": " + section + "." + key + ": " +
                           message);
}

std::vector<IniEntry> readIniFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw ConfigFileError(path.string() + ": cannot read the config file");
    }
    std::vector<IniEntry> entries;
    std::string section;
    std::string raw;
    std::size_t line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            continue;
        }
        auto where = path.string() + ":" + std::to_string(line_no) + ": ";
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3) {
                throw ConfigFileError(where + "malformed section header '" + line + "'");
            }
            section = trim(line.substr(1, line.size() - 2));
            continue;
        }
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            throw ConfigFileError(where + "expected 'key = value', got '" + line + "'");
        }
        if (section.empty()) {
            throw ConfigFileError(where + "setting outside of any [section]");
        }
        entries.push_back(IniEntry{path.string(), line_no, section, trim(line.substr(0, eq)),
                                   trim(line.substr(eq + 1))});
    }
    return entries;
}

}  // namespace crmsync::config
