#pragma once
// The part of OData v3's $filter and $orderby that crmsync's client sends, evaluated the way 1C
// does: comparisons of a property with a literal (guid'…', datetime'…', '…' strings with ''
// escaping, numbers, true/false), combined with "and", "or", "not" and parentheses.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace crmsync::emulator {

// A $filter or $orderby the emulator cannot read; answered with 1C's 400.
class QueryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using EntityPredicate = std::function<bool(const Poco::JSON::Object&)>;

// Throws QueryError naming the offending position.
EntityPredicate parseFilter(const std::string& filter);

struct SortKey {
    std::string property;
    bool descending = false;
};

// "Code, Date desc" -> keys; throws QueryError.
std::vector<SortKey> parseOrderBy(const std::string& orderby);

// Strict weak order of two entities under `keys` (numbers numerically, the rest as text).
bool entityLess(const Poco::JSON::Object& a, const Poco::JSON::Object& b,
                const std::vector<SortKey>& keys);

}  // namespace crmsync::emulator
