#pragma once
// The journal's time filters as people type them (the CLI's --since/--until, the API's
// ?since=/&until=): UTC 2026-12-01, 2026-12-01T10:30, 2026-12-01T10:30:15, with .mmm and a Z,
// as the journal prints it.
#include <string>

namespace crmsync::app {

inline constexpr const char* kJournalTimeForm =
    "expected a UTC time such as 2026-12-01 or 2026-12-01T10:30:00Z";

// The journal's form of `value` ("YYYY-MM-DDThh:mm:ss.mmmZ"), or "" when it is none of those.
std::string journalTime(const std::string& value);

}  // namespace crmsync::app
