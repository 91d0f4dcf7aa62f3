#include "mapping/datetime_format.h"

#include "util/text.h"
#include "util/utc_time.h"

namespace crmsync::mapping {

namespace {

struct CivilTime {
    int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil calendar algorithm).
long long daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

CivilTime civilFromSeconds(long long seconds) {
    long long days = seconds / 86400;
    long long rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    CivilTime t;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest % 3600 / 60);
    t.second = static_cast<int>(rest % 60);
    return t;
}

int daysInMonth(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string format(const CivilTime& t) {
    return util::isoDateTime(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

long long toSeconds(const CivilTime& t) {
    return daysFromCivil(t.year, t.month, t.day) * 86400LL + t.hour * 3600 + t.minute * 60 +
           t.second;
}

}  // namespace

std::optional<std::string> checkDateTimePattern(std::string_view pattern) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            continue;
        }
        if (i + 1 == pattern.size()) {
            return "datetime format ends with a lone '%'";
        }
        char d = pattern[++i];
        if (std::string_view("YmdHMS%").find(d) == std::string_view::npos) {
            return "datetime format has unknown directive '%" + std::string(1, d) +
                   "' (use %Y %m %d %H %M %S)";
        }
    }
    return std::nullopt;
}

std::optional<int> parseUtcOffset(std::string_view text) {
    if (text == "UTC" || text == "Z") {
        return 0;
    }
    if (text.size() < 5 || (text[0] != '+' && text[0] != '-')) {
        return std::nullopt;
    }
    std::size_t pos = 1;
    int hours = 0, minutes = 0;
    if (!util::readDigits(text, pos, 2, hours) || pos != 3) {
        return std::nullopt;
    }
    if (text[pos] == ':') {
        ++pos;
    }
    if (!util::readDigits(text, pos, 2, minutes) || pos != text.size() || hours > 14 ||
        minutes > 59) {
        return std::nullopt;
    }
    int total = hours * 60 + minutes;
    return text[0] == '-' ? -total : total;
}

std::optional<std::string> parseDateTime(std::string_view text, std::string_view pattern,
                                         std::optional<int> utc_offset_minutes) {
    CivilTime t;
    std::size_t pos = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || pattern[i + 1] == '%') {
            i += pattern[i] == '%' ? 1 : 0;
            if (pos >= text.size() || text[pos] != pattern[i]) {
                return std::nullopt;
            }
            ++pos;
            continue;
        }
        char d = pattern[++i];
        int* target = d == 'Y' ? &t.year
                    : d == 'm' ? &t.month
                    : d == 'd' ? &t.day
                    : d == 'H' ? &t.hour
                    : d == 'M' ? &t.minute
                               : &t.second;
        // 1C sometimes drops the zero padding (0:36:33): up to 2 digits, 4 for a year.
        if (!util::readDigits(text, pos, d == 'Y' ? 4 : 2, *target)) {
            return std::nullopt;
        }
    }
    if (pos != text.size() || t.month < 1 || t.month > 12 || t.day < 1 ||
        t.day > daysInMonth(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 59) {
        return std::nullopt;
    }
    if (utc_offset_minutes) {
        t = civilFromSeconds(toSeconds(t) - *utc_offset_minutes * 60LL);
    }
    return format(t);
}

std::string toUtc(const std::string& iso, int utc_offset_minutes) {
    auto parsed = parseDateTime(iso, "%Y-%m-%dT%H:%M:%S", utc_offset_minutes);
    return parsed ? *parsed : iso;
}

}  // namespace crmsync::mapping
