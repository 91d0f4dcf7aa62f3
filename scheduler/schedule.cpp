#include "scheduler/schedule.h"

#include <charconv>

#include <date/tz.h>

#include "crmcore/error.h"
#include "util/text.h"

namespace crmsync::scheduler {

namespace {

// "30s", "5m", "2h" -> the interval; throws ConfigError otherwise.
std::chrono::milliseconds parseEvery(const std::string& schedule, std::string_view amount) {
    long long n = 0;
    const char* first = amount.data();
    const char* last = amount.data() + amount.size();
    auto [end, ec] = std::from_chars(first, last, n);
    std::string_view unit(end, static_cast<std::size_t>(last - end));
    if (ec != std::errc() || n <= 0 || (unit != "s" && unit != "m" && unit != "h")) {
        throw ConfigError("schedule '" + schedule +
                          "': expected 'every N' with a unit s, m or h (every 30s, every 5m)");
    }
    std::chrono::seconds seconds{n};
    if (unit == "m") {
        seconds *= 60;
    } else if (unit == "h") {
        seconds *= 3600;
    }
    return seconds;
}

}  // namespace

Schedule Schedule::parse(const std::string& text, const std::string& timezone) {
    Schedule s;
    s.text_ = std::string(util::trimmed(text));
    s.zone_name_ = timezone.empty() ? "UTC" : timezone;
    try {
        s.zone_ = date::locate_zone(s.zone_name_);
    } catch (const std::exception&) {
        throw ConfigError("time zone '" + s.zone_name_ +
                          "' is not in the time zone database (/usr/share/zoneinfo); use an "
                          "IANA name such as Europe/Berlin");
    }
    if (s.text_.starts_with("every ")) {
        s.every_ = parseEvery(s.text_, util::trimmed(std::string_view(s.text_).substr(6)));
    } else {
        s.cron_ = CronExpression::parse(s.text_);
    }
    return s;
}

std::optional<TimePoint> Schedule::nextAfter(TimePoint after) const {
    if (!cron_) {
        auto since_epoch = after.time_since_epoch();
        return TimePoint((since_epoch / every_ + 1) * every_);
    }
    return nextCron(after);
}

std::optional<TimePoint> Schedule::nextCron(TimePoint after) const {
    using namespace std::chrono;
    const CronExpression& cron = *cron_;
    // Walk the local wall clock field by field, skipping whole months, days, hours and minutes
    // that cannot match; a second is the finest step.
    date::local_seconds t = zone_->to_local(floor<seconds>(after)) + seconds{1};
    const date::local_seconds limit = t + date::days{5 * 366};
    while (t < limit) {
        auto day = floor<date::days>(t);
        date::year_month_day ymd{day};
        if (!cron.matchesMonth(static_cast<unsigned>(ymd.month()))) {
            auto next_month = date::year_month{ymd.year(), ymd.month()} + date::months{1};
            t = date::local_days{next_month / 1};
            continue;
        }
        if (!cron.matchesDay(static_cast<unsigned>(ymd.day()), date::weekday{day}.c_encoding())) {
            t = day + date::days{1};
            continue;
        }
        auto tod = date::make_time(t - day);
        auto h = static_cast<unsigned>(tod.hours().count());
        auto m = static_cast<unsigned>(tod.minutes().count());
        auto sec = static_cast<unsigned>(tod.seconds().count());
        if (!cron.matchesHour(h)) {
            t = day + hours{h + 1};
            continue;
        }
        if (!cron.matchesMinute(m)) {
            t = day + hours{h} + minutes{m + 1};
            continue;
        }
        if (!cron.matchesSecond(sec)) {
            t += seconds{1};
            continue;
        }
        date::local_info info = zone_->get_info(t);
        sys_seconds utc;
        if (info.result == date::local_info::nonexistent) {
            utc = info.first.end;  // the skipped hour: the instant the clocks jump
        } else {
            // Unique, or ambiguous: `first` is the earlier of the two occurrences.
            utc = sys_seconds{t.time_since_epoch()} - info.first.offset;
        }
        if (utc > after) {
            return time_point_cast<milliseconds>(utc);
        }
        t += seconds{1};  // the repeated hour's second pass: it already fired in the first
    }
    return std::nullopt;
}

std::string Schedule::describe() const {
    return text_ + (cron_ ? " (" + zone_name_ + ")" : std::string());
}

}  // namespace crmsync::scheduler
