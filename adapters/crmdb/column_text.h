#pragma once
// The text forms values take between crmsync and the database. The engine compares what it
// reads back with what it mapped, so a value must read the same on SQLite and PostgreSQL:
// PostgreSQL prints NUMERIC with its stored scale ("1234.50") and TIMESTAMP with a blank and
// maybe fractions ("2024-01-02 03:04:05.5"); SQLite returns whatever text was stored.
#include <string>
#include <string_view>

#include "crmcore/entity_catalog.h"

namespace crmsync::crmdb {

// A value as read from a column of `type`: decimals canonical ("1234.5"), timestamps
// "YYYY-MM-DDThh:mm:ss"; anything else, or text that does not parse, unchanged.
std::string canonicalText(core::ColumnType type, std::string text);

// "YYYY-MM-DD", "YYYY-MM-DD hh:mm:ss[.fff][zone]" or "YYYY-MM-DDThh:mm:ss..." as
// "YYYY-MM-DDThh:mm:ss". A zone is dropped, as PostgreSQL's TIMESTAMP drops it on input.
// Other text is returned unchanged.
std::string normalizeTimestamp(std::string_view text);

// Whether a value of `type` must be rewritten before SQLite stores it (PostgreSQL's typed
// columns normalise on their own).
bool needsCanonicalStore(core::ColumnType type);

// Now, UTC, as "YYYY-MM-DDThh:mm:ss.mmmZ".
std::string utcNowText();

}  // namespace crmsync::crmdb
