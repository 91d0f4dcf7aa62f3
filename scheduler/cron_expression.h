#pragma once
// A cron expression with seconds: "sec min hour day-of-month month day-of-week", each field a
// list of values, ranges and steps ("0,30", "9-17", "*/15", "10-50/20"), months and weekdays
// also by English three-letter name ("JAN", "mon-fri"), weekday 0 or 7 = Sunday. As in Vixie
// cron, when both day fields are restricted a day matches either ("0 0 0 1 * MON" = the 1st and
// every Monday); when one is "*" only the other counts.
//
// Our own parser: Debian packages no cron library, and the grammar above is small enough to
// test whole (tests/scheduler/test_cron_expression.cpp).
#include <bitset>
#include <string>

namespace crmsync::scheduler {

class CronExpression {
public:
    // Throws crmsync::ConfigError naming the field and what is wrong with it.
    static CronExpression parse(const std::string& text);

    // Whether a local wall-clock time matches. `weekday` is 0 (Sunday) .. 6.
    bool matchesMonth(unsigned month) const { return months_.test(month); }
    bool matchesDay(unsigned day, unsigned weekday) const;
    bool matchesHour(unsigned hour) const { return hours_.test(hour); }
    bool matchesMinute(unsigned minute) const { return minutes_.test(minute); }
    bool matchesSecond(unsigned second) const { return seconds_.test(second); }

    const std::string& text() const { return text_; }

private:
    std::string text_;
    std::bitset<60> seconds_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_;     // 1..31
    std::bitset<13> months_;   // 1..12
    std::bitset<7> weekdays_;  // 0..6, Sunday first
    bool days_star_ = false;
    bool weekdays_star_ = false;
};

}  // namespace crmsync::scheduler
