#include "scheduler/fire_time.h"

#include <cstdio>

#include "util/utc_time.h"

namespace crmsync::scheduler {

std::string fireText(TimePoint at) { return util::utcIsoMillis(at); }

std::optional<TimePoint> parseFireText(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    char z = 0;
    if (text.size() != 24 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &s, &ms,
                    &z) != 8 ||
        z != 'Z') {
        return std::nullopt;
    }
    using namespace std::chrono;
    year_month_day date{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return TimePoint(sys_days(date)) + hours(h) + minutes(mi) + seconds(s) + milliseconds(ms);
}

}  // namespace crmsync::scheduler
