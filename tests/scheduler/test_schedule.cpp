#include <boost/test/unit_test.hpp>

#include <vector>

#include "crmcore/error.h"
#include "scheduler/schedule.h"
#include "tests/scheduler/scheduler_time.h"

using crmsync::scheduler::Schedule;
using crmsync::test::utc;
using crmsync::test::utcText;

namespace {

// The next `n` fire times after `from`, as UTC text.
std::vector<std::string> firesAfter(const Schedule& schedule, const std::string& from,
                                    std::size_t n) {
    std::vector<std::string> out;
    auto t = utc(from);
    while (out.size() < n) {
        auto next = schedule.nextAfter(t);
        if (!next) {
            break;
        }
        out.push_back(utcText(*next));
        t = *next;
    }
    return out;
}

using Fires = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(schedule)

BOOST_AUTO_TEST_CASE(cron_fires_on_seconds) {
    auto s = Schedule::parse("*/20 * * * * *", "UTC");
    BOOST_TEST(firesAfter(s, "2026-12-02T10:00:05Z", 3) ==
                   (Fires{"2026-12-02T10:00:20Z", "2026-12-02T10:00:40Z", "2026-12-02T10:01:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weekdays_in_the_job_time_zone) {
    // Friday noon UTC; 09:00 in Berlin in winter is 08:00 UTC, and the weekend is skipped.
    auto s = Schedule::parse("0 0 9 * * MON-FRI", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-12-04T12:00:00Z", 2) ==
                   (Fires{"2026-12-07T08:00:00Z", "2026-12-08T08:00:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(day_of_month_or_day_of_week_when_both_are_set) {
    auto s = Schedule::parse("0 0 0 1 * MON", "UTC");
    BOOST_TEST(firesAfter(s, "2026-12-01T00:00:00Z", 6) ==
                   (Fires{"2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z", "2026-12-21T00:00:00Z",
                          "2026-12-28T00:00:00Z", "2027-01-01T00:00:00Z", "2027-01-04T00:00:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_31st_skips_the_shorter_months) {
    auto s = Schedule::parse("0 0 0 31 * *", "UTC");
    BOOST_TEST(firesAfter(s, "2026-01-31T00:00:00Z", 4) ==
                   (Fires{"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z",
                          "2026-08-31T00:00:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(february_29th_fires_in_leap_years_only) {
    auto s = Schedule::parse("0 0 12 29 FEB *", "UTC");
    BOOST_TEST(firesAfter(s, "2026-01-01T00:00:00Z", 2) ==
                   (Fires{"2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_date_that_never_comes_has_no_next_fire) {
    auto s = Schedule::parse("0 0 0 30 2 *", "UTC");
    BOOST_TEST(!s.nextAfter(utc("2026-01-01T00:00:00Z")).has_value());
}

BOOST_AUTO_TEST_CASE(a_time_in_the_skipped_spring_hour_fires_at_the_jump) {
    // Europe/Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    auto s = Schedule::parse("0 30 2 * * *", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-03-27T12:00:00Z", 3) ==
                   (Fires{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(several_times_in_the_skipped_hour_fire_once_at_the_jump) {
    auto s = Schedule::parse("0 */30 * * * *", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-03-29T00:00:00Z", 3) ==
                   (Fires{"2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_time_in_the_repeated_autumn_hour_fires_once) {
    // Europe/Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC, so 02:30 happens
    // twice (00:30 and 01:30 UTC); it fires at the first.
    auto s = Schedule::parse("0 30 2 * * *", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-10-24T12:00:00Z", 2) ==
                   (Fires{"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(new_york_transitions_both_ways) {
    // America/New_York, 2026: 02:00 EST jumps to 03:00 EDT on March 8 (07:00 UTC); 02:00 EDT
    // falls back to 01:00 EST on November 1 (06:00 UTC), so 01:15 happens twice.
    auto spring = Schedule::parse("0 15 2 * * *", "America/New_York");
    BOOST_TEST(firesAfter(spring, "2026-03-07T12:00:00Z", 2) ==
                   (Fires{"2026-03-08T07:00:00Z", "2026-03-09T06:15:00Z"}),
               boost::test_tools::per_element());
    auto autumn = Schedule::parse("0 15 1 * * *", "America/New_York");
    BOOST_TEST(firesAfter(autumn, "2026-10-31T12:00:00Z", 2) ==
                   (Fires{"2026-11-01T05:15:00Z", "2026-11-02T06:15:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_restart_inside_the_repeated_hour_does_not_fire_again) {
    // 01:40 UTC is 02:40 CET, the second pass of the hour: 02:30 has been (at 00:30 UTC).
    auto s = Schedule::parse("0 30 2 * * *", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-10-25T01:10:00Z", 1) == (Fires{"2026-10-26T01:30:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(intervals_are_aligned_on_the_epoch) {
    auto s = Schedule::parse("every 5m", "Europe/Berlin");
    BOOST_TEST(firesAfter(s, "2026-12-02T10:02:30Z", 2) ==
                   (Fires{"2026-12-02T10:05:00Z", "2026-12-02T10:10:00Z"}),
               boost::test_tools::per_element());
    auto seconds = Schedule::parse("every 30s", "");
    BOOST_TEST(firesAfter(seconds, "2026-12-02T10:00:00Z", 2) ==
                   (Fires{"2026-12-02T10:00:30Z", "2026-12-02T10:01:00Z"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rejects_unknown_zones_and_intervals) {
    BOOST_CHECK_EXCEPTION(Schedule::parse("every 5m", "Europe/Atlantis"), crmsync::ConfigError,
                          [](const auto& e) {
                              return std::string(e.what()) ==
                                     "time zone 'Europe/Atlantis' is not in the time zone "
                                     "database (/usr/share/zoneinfo); use an IANA name such "
                                     "as Europe/Berlin";
                          });
    BOOST_CHECK_EXCEPTION(Schedule::parse("every 5 minutes", "UTC"), crmsync::ConfigError,
                          [](const auto& e) {
                              return std::string(e.what()) ==
                                     "schedule 'every 5 minutes': expected 'every N' with a "
                                     "unit s, m or h (every 30s, every 5m)";
                          });
}

BOOST_AUTO_TEST_SUITE_END()
