#pragma once
// Reads JSON text back into a Value: what toJson() writes (the attributes column, snapshots)
// and what an admin or another program may have put into a JSON column. Objects become Nested
// (members in order), arrays List, integral numbers int64, other numbers Decimal, strings
// std::string (a decimal written as a string stays a string: JSON cannot tell them apart).
#include <optional>
#include <string_view>

#include "crmcore/record.h"

namespace crmsync::core {

// nullopt when `text` is not one JSON value (trailing text, bad escapes, exponents, nesting
// deeper than 64 levels).
std::optional<Value> parseJson(std::string_view text);

}  // namespace crmsync::core
