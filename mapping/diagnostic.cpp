#include "mapping/diagnostic.h"

#include <algorithm>

namespace crmsync::mapping {

std::string Diagnostic::format() const {
    return file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + message;
}

void Diagnostics::add(Position at, std::string message) {
    items_.push_back({file_, at, std::move(message)});
}

std::string Diagnostics::text() const {
    std::vector<Diagnostic> sorted = items_;
    // Stable: two problems at one place keep the order they were found in.
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.at.line != b.at.line ? a.at.line < b.at.line : a.at.column < b.at.column;
    });
    std::string out;
    for (const auto& d : sorted) {
        out += d.format();
        out += '\n';
    }
    return out;
}

}  // namespace crmsync::mapping
