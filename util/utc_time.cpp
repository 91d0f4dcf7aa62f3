#include "util/utc_time.h"

#include <cstdio>
#include <ctime>

namespace crmsync::util {

namespace {

struct UtcParts {
    std::tm tm{};
    int millis = 0;
};

// Whole seconds toward the past: 12:30:05.999 is 12:30:05 in every form.
UtcParts utcParts(TimePoint at) {
    using namespace std::chrono;
    auto since_epoch = floor<milliseconds>(at).time_since_epoch();
    auto whole_seconds = floor<seconds>(since_epoch);
    UtcParts parts;
    parts.millis = static_cast<int>((since_epoch - whole_seconds).count());
    std::time_t whole = static_cast<std::time_t>(whole_seconds.count());
    gmtime_r(&whole, &parts.tm);
    return parts;
}

std::string isoOfParts(const std::tm& tm) {
    return isoDateTime(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                       tm.tm_sec);
}

}  // namespace

std::string isoDateTime(int year, int month, int day, int hour, int minute, int second) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                  minute, second);
    return buffer;
}

std::string utcIsoSeconds(TimePoint at) { return isoOfParts(utcParts(at).tm); }

std::string utcIsoMillis(TimePoint at) {
    UtcParts parts = utcParts(at);
    char millis[16];
    std::snprintf(millis, sizeof millis, ".%03dZ", parts.millis);
    return isoOfParts(parts.tm) + millis;
}

long long unixSeconds(TimePoint at) {
    return std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
}

std::string utcCompact(TimePoint at) {
    UtcParts parts = utcParts(at);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &parts.tm);
    return buffer;
}

}  // namespace crmsync::util
