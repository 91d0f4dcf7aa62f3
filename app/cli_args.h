#pragma once
// Command-line words after the command name: "--name value" options, "--flag" switches and
// positional arguments. Unknown options are errors, so a typo never silently changes a run.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace crmsync::app {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class CliArgs {
public:
    // `with_value` lists options that take a value, `switches` those that do not.
    CliArgs(const std::vector<std::string>& words, const std::set<std::string>& with_value,
            const std::set<std::string>& switches);

    std::optional<std::string> option(const std::string& name) const;
    std::vector<std::string> options(const std::string& name) const;  // repeatable options
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const { return switches_.count(name) != 0; }
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::multimap<std::string, std::string> values_;
    std::set<std::string> switches_;
    std::vector<std::string> positional_;
};

}  // namespace crmsync::app
