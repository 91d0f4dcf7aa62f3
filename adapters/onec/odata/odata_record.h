#pragma once
// 1C's OData JSON as crmsync Records, with 1C's conventions undone: numbers become exact
// decimals, the empty reference (00000000-…) and the empty date (0001-01-01T00:00:00) become
// null, tabular sections become lists of nested rows.
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include "crmcore/record.h"

namespace crmsync::odata {

// Throws crmsync::Error for a number that is not finite.
core::Value odataValue(const Poco::Dynamic::Var& value);

// The key fields' values joined with '|' (a null one contributes ""). Throws crmsync::Error
// naming the field when the entity does not carry one of them at all.
std::string odataKey(const Poco::JSON::Object& entity, const std::vector<std::string>& key_fields);

// Every property of `entity` except the `skip` ones (tabular sections read separately), in the
// order 1C sent them. Navigation links (…@navigationLinkUrl) are left out.
std::vector<core::Field> odataFields(const Poco::JSON::Object& entity,
                                     const std::vector<std::string>& skip = {});

}  // namespace crmsync::odata
