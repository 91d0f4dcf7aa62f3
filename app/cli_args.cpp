#include "app/cli_args.h"

namespace crmsync::app {

CliArgs::CliArgs(const std::vector<std::string>& words, const std::set<std::string>& with_value,
                 const std::set<std::string>& switches) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.rfind("--", 0) != 0 || word == "--") {
            positional_.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (with_value.count(name) != 0) {
            if (inline_value) {
                values_.emplace(name, *inline_value);
            } else if (i + 1 < words.size()) {
                values_.emplace(name, words[++i]);
            } else {
                throw UsageError("option --" + name + " needs a value");
            }
        } else if (switches.count(name) != 0 && !inline_value) {
            switches_.insert(name);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> CliArgs::option(const std::string& name) const {
    auto range = values_.equal_range(name);
    if (range.first == range.second) {
        return std::nullopt;
    }
    return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> CliArgs::options(const std::string& name) const {
    std::vector<std::string> out;
    auto range = values_.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
        out.push_back(it->second);
    }
    return out;
}

std::string CliArgs::required(const std::string& name) const {
    auto value = option(name);
    if (!value || value->empty()) {
        throw UsageError("option --" + name + " is required");
    }
    return *value;
}

}  // namespace crmsync::app
