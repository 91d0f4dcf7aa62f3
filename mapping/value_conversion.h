#pragma once
// Turns a record value into the text form of a CRM column type (see core::Row): the one place
// where "12,5" is refused as a decimal and "2014-06-01T0:36:33" is accepted as a time.
#include <optional>
#include <string>

#include "crmcore/entity_catalog.h"
#include "crmcore/record.h"
#include "crmcore/result.h"

namespace crmsync::mapping {

// nullopt inside the result means SQL NULL (an empty value). References are not handled here:
// their text is the 1C key, resolved by the forward mapper.
core::Result<std::optional<std::string>> convertValue(const core::Value& value,
                                                      core::ColumnType type);

// "YYYY-MM-DD", "YYYY-MM-DDTh:m:s" (1C sometimes drops the zero padding) or a date and time
// separated by a blank -> "YYYY-MM-DDThh:mm:ss". 1C's empty dates ("T", "0001-01-01...") -> "".
std::optional<std::string> normalizeTimestamp(const std::string& text);

}  // namespace crmsync::mapping
