#pragma once
// Entities refer to each other (a price to its product and price type); records are applied in
// dependency order, so a cycle of references between different entities could never be applied.
// An entity referring to itself (a group inside a group) is fine: the reader sends parents first.
#include <string>
#include <vector>

#include "mapping/diagnostic.h"

namespace crmsync::mapping {

struct ReferenceEdge {
    std::string from;  // the entity whose field holds the reference
    std::string to;    // the entity referred to
    Position at;       // the <reference entity="..."> attribute
};

// Reports each cycle once, at the reference that closes it: "reference cycle: a -> b -> a".
void reportReferenceCycles(const std::vector<ReferenceEdge>& edges, Diagnostics& out);

}  // namespace crmsync::mapping
