#pragma once
// Date-time text as crmsync writes it. Each form is what stored or exchanged text already holds
// (CRM columns, journal rows, file names, CommerceML documents), so a form never changes; add a
// new one instead.
#include <chrono>
#include <string>

namespace crmsync::util {

using TimePoint = std::chrono::system_clock::time_point;

// "2024-05-01T12:30:05": every part zero-padded, no zone. The form of the CRM's timestamp
// columns (what the mapping and the CommerceML reader turn 1C's dates into).
std::string isoDateTime(int year, int month, int day, int hour, int minute, int second);

// isoDateTime() of `at` in UTC: CommerceML's ДатаФормирования (1C writes it without a zone).
std::string utcIsoSeconds(TimePoint at);

// "2024-05-01T12:30:05.042Z": when crmsync did something (the same form as SQLite's
// strftime('%Y-%m-%dT%H:%M:%fZ') in column defaults), sorting as text in time order.
std::string utcIsoMillis(TimePoint at);

// "20240501T123005Z": for a file name, e.g. a failed drop-folder file's copy.
std::string utcCompact(TimePoint at);

// Whole seconds since 1970-01-01T00:00:00Z (cut toward the past), as 1C's exchange answers and
// the exchange session files carry them.
long long unixSeconds(TimePoint at);

}  // namespace crmsync::util
