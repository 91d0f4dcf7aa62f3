#include "mapping/reference_cycles.h"

#include <algorithm>
#include <map>

namespace crmsync::mapping {

namespace {

enum class Mark { Unvisited, OnPath, Done };

class CycleFinder {
public:
    CycleFinder(const std::vector<ReferenceEdge>& edges, Diagnostics& out) : out_(out) {
        for (const auto& edge : edges) {
            if (edge.from != edge.to) {
                outgoing_[edge.from].push_back(&edge);
                marks_.emplace(edge.from, Mark::Unvisited);
                marks_.emplace(edge.to, Mark::Unvisited);
            }
        }
        // Visit in the order of the file so the same file always reports the same cycles.
        for (const auto& edge : edges) {
            if (marks_[edge.from] == Mark::Unvisited) {
                visit(edge.from);
            }
        }
    }

private:
    void visit(const std::string& entity) {
        marks_[entity] = Mark::OnPath;
        path_.push_back(entity);
        for (const ReferenceEdge* edge : outgoing_[entity]) {
            Mark mark = marks_[edge->to];
            if (mark == Mark::OnPath) {
                auto start = std::find(path_.begin(), path_.end(), edge->to);
                std::string cycle;
                for (auto it = start; it != path_.end(); ++it) {
                    cycle += *it + " -> ";
                }
                out_.add(edge->at, "reference cycle: " + cycle + edge->to +
                                       " (the records could never be applied in order)");
            } else if (mark == Mark::Unvisited) {
                visit(edge->to);
            }
        }
        path_.pop_back();
        marks_[entity] = Mark::Done;
    }

    Diagnostics& out_;
    std::map<std::string, std::vector<const ReferenceEdge*>> outgoing_;
    std::map<std::string, Mark> marks_;
    std::vector<std::string> path_;
};

}  // namespace

void reportReferenceCycles(const std::vector<ReferenceEdge>& edges, Diagnostics& out) {
    CycleFinder(edges, out);
}

}  // namespace crmsync::mapping
