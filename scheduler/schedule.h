#pragma once
// When a job fires: a cron expression with seconds (cron_expression.h) read on the wall clock
// of an IANA time zone, or a fixed interval ("every 30s", "every 5m", "every 2h").
//
// Daylight saving time, for cron: a fire time that falls in the hour skipped in spring fires
// at the first instant after the jump (02:30 in Europe/Berlin on the last Sunday of March fires
// at 03:00 CEST); a time in the hour repeated in autumn fires once, at its first occurrence.
// Intervals are counted on UTC from the Unix epoch, so every instance computes the same fire
// times (the lease then lets one of them run each).
#include <chrono>
#include <optional>
#include <string>

#include "scheduler/clock.h"
#include "scheduler/cron_expression.h"

namespace date {
class time_zone;
}

namespace crmsync::scheduler {

class Schedule {
public:
    // `timezone` is an IANA name ("Europe/Berlin"; "" = UTC) from the OS database
    // (/usr/share/zoneinfo). Throws crmsync::ConfigError for a bad expression or zone.
    static Schedule parse(const std::string& text, const std::string& timezone);

    // The first fire time strictly after `after`; nullopt when there is none in the next five
    // years (a cron expression such as "0 0 0 30 2 *").
    std::optional<TimePoint> nextAfter(TimePoint after) const;

    // The text it was parsed from, with the zone: "0 0 3 * * * (Europe/Berlin)".
    std::string describe() const;

private:
    std::optional<TimePoint> nextCron(TimePoint after) const;

    std::string text_;
    std::optional<CronExpression> cron_;
    std::chrono::milliseconds every_{0};
    const date::time_zone* zone_ = nullptr;
    std::string zone_name_;
};

}  // namespace crmsync::scheduler
