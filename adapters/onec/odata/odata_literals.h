#pragma once
// 1C's OData v3 literals for $filter and keys. Values are validated or escaped here, so text
// from records can never change the meaning of a filter.
#include <string>

#include "crmcore/record.h"

namespace crmsync::odata {

// guid'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'; throws crmsync::Error unless `ref_key` is a GUID
// in 8-4-4-4-12 hex form.
std::string guidLiteral(const std::string& ref_key);

// datetime'YYYY-MM-DDThh:mm:ss' (1C's local time, no zone); throws crmsync::Error if `at` is not
// exactly in that form.
std::string datetimeLiteral(const core::DateTime& at);

// '...' with every ' doubled, as OData v3 escapes quotes inside strings.
std::string stringLiteral(const std::string& text);

}  // namespace crmsync::odata
