#pragma once
// Dates and times in the formats admins name in a mapping ("%d.%m.%Y %H:%M:%S"), and the shift
// from a fixed UTC offset to UTC. Named time zones are not supported: 1C writes local time
// without a zone, so the admin states the offset the exchange runs in.
#include <optional>
#include <string>
#include <string_view>

namespace crmsync::mapping {

// Checks a pattern: only %Y %m %d %H %M %S and %% are directives. Returns a message, or
// nullopt when the pattern is fine.
std::optional<std::string> checkDateTimePattern(std::string_view pattern);

// "+03:00", "-05:30", "+0300", "UTC", "Z" -> minutes east of UTC.
std::optional<int> parseUtcOffset(std::string_view text);

// Parses `text` by `pattern` (fields the pattern lacks are 0, the date 1 Jan) and, with an
// offset, shifts the result to UTC. Returns "YYYY-MM-DDThh:mm:ss" or nullopt when the text does
// not match or is not a real date.
std::optional<std::string> parseDateTime(std::string_view text, std::string_view pattern,
                                         std::optional<int> utc_offset_minutes);

// Shifts an ISO "YYYY-MM-DDThh:mm:ss" by -offset minutes (local time at that offset -> UTC).
std::string toUtc(const std::string& iso, int utc_offset_minutes);

}  // namespace crmsync::mapping
