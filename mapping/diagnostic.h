#pragma once
// One problem found in a mapping file, located so an admin's editor can jump to it.
#include <string>
#include <vector>

namespace crmsync::mapping {

// Lines and columns count from 1; a column counts characters (not bytes) of the line, so it
// matches what an editor shows for Cyrillic text too. 0 means "not known".
struct Position {
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    std::string file;  // as the admin named it
    Position at;
    std::string message;

    // "file:line:column: message"
    std::string format() const;
};

class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void add(Position at, std::string message);
    bool empty() const { return items_.empty(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    const std::string& file() const { return file_; }

    // All messages, one per line, in file order.
    std::string text() const;

private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

}  // namespace crmsync::mapping
