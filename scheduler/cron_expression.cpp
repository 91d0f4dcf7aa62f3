#include "scheduler/cron_expression.h"

#include <array>
#include <charconv>
#include <sstream>
#include <vector>

#include "crmcore/error.h"
#include "util/text.h"

namespace crmsync::scheduler {

namespace {

struct CronField {
    const char* name;
    unsigned min;
    unsigned max;
    const std::array<const char*, 12>* names;  // value min + i, or null
};

const std::array<const char*, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
const std::array<const char*, 12> kWeekdayNames = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr, nullptr, nullptr, nullptr, nullptr};

const std::array<CronField, 6> kCronFields = {{
    {"second", 0, 59, nullptr},
    {"minute", 0, 59, nullptr},
    {"hour", 0, 23, nullptr},
    {"day of month", 1, 31, nullptr},
    {"month", 1, 12, &kMonthNames},
    {"day of week", 0, 7, &kWeekdayNames},  // 7 is Sunday again
}};

[[noreturn]] void cronError(const std::string& text, const CronField& field,
                            const std::string& what) {
    throw ConfigError("cron '" + text + "': " + field.name + ": " + what);
}

std::vector<std::string> cronItems(const std::string& spec) {
    std::vector<std::string> items;
    std::size_t start = 0;
    for (std::size_t comma; (comma = spec.find(',', start)) != std::string::npos;
         start = comma + 1) {
        items.push_back(spec.substr(start, comma - start));
    }
    items.push_back(spec.substr(start));
    return items;
}

unsigned cronValue(const std::string& text, const CronField& field, const std::string& token) {
    if (field.names != nullptr) {
        std::string name = util::asciiLower(token);
        for (std::size_t i = 0; i < field.names->size(); ++i) {
            if ((*field.names)[i] != nullptr && name == (*field.names)[i]) {
                return field.min + static_cast<unsigned>(i);
            }
        }
    }
    unsigned value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty() || ec != std::errc() || end != token.data() + token.size()) {
        cronError(text, field,
                  "'" + token + "' is not a number" + (field.names ? " or a name" : std::string()));
    }
    if (value < field.min || value > field.max) {
        cronError(text, field,
                  std::to_string(value) + " is outside " + std::to_string(field.min) + ".." +
                      std::to_string(field.max));
    }
    return value;
}

// Sets the bits of one field ("*/5", "1-5,10").
template <std::size_t N>
void parseCronField(const std::string& text, const CronField& field, const std::string& spec,
                    std::bitset<N>& bits) {
    for (const std::string& item : cronItems(spec)) {
        std::string range = item;
        unsigned step = 1;
        if (auto slash = item.find('/'); slash != std::string::npos) {
            range = item.substr(0, slash);
            std::string step_text = item.substr(slash + 1);
            auto [end, ec] =
                std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
            if (step_text.empty() || ec != std::errc() ||
                end != step_text.data() + step_text.size() || step == 0) {
                cronError(text, field, "step '" + step_text + "' must be a positive number");
            }
        }
        unsigned from = field.min;
        unsigned to = field.max;
        if (range != "*") {
            auto dash = range.find('-');
            from = cronValue(text, field, range.substr(0, dash));
            to = dash == std::string::npos
                     ? (item.find('/') == std::string::npos ? from : field.max)
                     : cronValue(text, field, range.substr(dash + 1));
            if (to < from) {
                cronError(text, field, "range '" + range + "' runs backwards");
            }
        }
        for (unsigned v = from; v <= to; v += step) {
            bits.set(field.max == 7 ? v % 7 : v);
        }
    }
}

}  // namespace

CronExpression CronExpression::parse(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> parts;
    for (std::string part; in >> part;) {
        parts.push_back(part);
    }
    if (parts.size() != kCronFields.size()) {
        throw ConfigError("cron '" + text +
                          "': expected 6 fields (second minute hour day-of-month month "
                          "day-of-week), found " +
                          std::to_string(parts.size()));
    }
    CronExpression e;
    e.text_ = text;
    parseCronField(text, kCronFields[0], parts[0], e.seconds_);
    parseCronField(text, kCronFields[1], parts[1], e.minutes_);
    parseCronField(text, kCronFields[2], parts[2], e.hours_);
    parseCronField(text, kCronFields[3], parts[3], e.days_);
    parseCronField(text, kCronFields[4], parts[4], e.months_);
    parseCronField(text, kCronFields[5], parts[5], e.weekdays_);
    // Vixie cron looks at the first character: "*/2" in a day field still restricts it.
    e.days_star_ = parts[3].starts_with('*');
    e.weekdays_star_ = parts[5].starts_with('*');
    return e;
}

bool CronExpression::matchesDay(unsigned day, unsigned weekday) const {
    bool day_ok = days_.test(day);
    bool weekday_ok = weekdays_.test(weekday);
    if (days_star_ || weekdays_star_) {
        return day_ok && weekday_ok;
    }
    return day_ok || weekday_ok;
}

}  // namespace crmsync::scheduler
