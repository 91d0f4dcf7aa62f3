#define BOOST_TEST_MODULE scheduler
#include <boost/test/unit_test.hpp>

#include "crmcore/error.h"
#include "scheduler/cron_expression.h"

using crmsync::scheduler::CronExpression;

namespace {

bool cronErrorIs(const crmsync::ConfigError& e, const std::string& expected) {
    BOOST_TEST(std::string(e.what()) == expected);
    return std::string(e.what()) == expected;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cron_expression)

BOOST_AUTO_TEST_CASE(parses_lists_ranges_and_steps) {
    auto e = CronExpression::parse("0,30 */15 9-17/4 * * *");
    BOOST_TEST(e.matchesSecond(0));
    BOOST_TEST(e.matchesSecond(30));
    BOOST_TEST(!e.matchesSecond(15));
    BOOST_TEST(e.matchesMinute(45));
    BOOST_TEST(!e.matchesMinute(50));
    BOOST_TEST(e.matchesHour(9));
    BOOST_TEST(e.matchesHour(13));
    BOOST_TEST(e.matchesHour(17));
    BOOST_TEST(!e.matchesHour(10));
    BOOST_TEST(!e.matchesHour(21));
}

BOOST_AUTO_TEST_CASE(a_value_with_a_step_runs_to_the_end_of_the_field) {
    auto e = CronExpression::parse("10/20 0 0 * * *");
    BOOST_TEST(e.matchesSecond(10));
    BOOST_TEST(e.matchesSecond(30));
    BOOST_TEST(e.matchesSecond(50));
    BOOST_TEST(!e.matchesSecond(0));
}

BOOST_AUTO_TEST_CASE(names_of_months_and_weekdays_in_any_case) {
    auto e = CronExpression::parse("0 0 0 * JAN,mar-May Mon-FRI");
    BOOST_TEST(e.matchesMonth(1));
    BOOST_TEST(!e.matchesMonth(2));
    BOOST_TEST(e.matchesMonth(4));
    BOOST_TEST(!e.matchesMonth(6));
    BOOST_TEST(e.matchesDay(10, 1));
    BOOST_TEST(e.matchesDay(10, 5));
    BOOST_TEST(!e.matchesDay(10, 0));
    BOOST_TEST(!e.matchesDay(10, 6));
}

BOOST_AUTO_TEST_CASE(weekday_seven_is_sunday) {
    auto e = CronExpression::parse("0 0 0 * * 7");
    BOOST_TEST(e.matchesDay(3, 0));
    BOOST_TEST(!e.matchesDay(3, 6));
}

BOOST_AUTO_TEST_CASE(both_day_fields_restricted_match_either) {
    auto e = CronExpression::parse("0 0 0 1 * MON");
    BOOST_TEST(e.matchesDay(1, 3));   // the 1st, a Wednesday
    BOOST_TEST(e.matchesDay(8, 1));   // a Monday
    BOOST_TEST(!e.matchesDay(8, 2));  // neither
}

BOOST_AUTO_TEST_CASE(one_day_field_star_leaves_the_other_alone) {
    auto by_day = CronExpression::parse("0 0 0 1 * *");
    BOOST_TEST(by_day.matchesDay(1, 3));
    BOOST_TEST(!by_day.matchesDay(8, 1));
    // "*/2" starts with '*': as in Vixie cron, the other field decides with it (AND).
    auto stepped = CronExpression::parse("0 0 0 */2 * MON");
    BOOST_TEST(stepped.matchesDay(3, 1));
    BOOST_TEST(!stepped.matchesDay(2, 1));
    BOOST_TEST(!stepped.matchesDay(3, 2));
}

BOOST_AUTO_TEST_CASE(rejects_a_wrong_number_of_fields) {
    BOOST_CHECK_EXCEPTION(
        CronExpression::parse("0 0 * * *"), crmsync::ConfigError, [](const auto& e) {
            return cronErrorIs(e,
                               "cron '0 0 * * *': expected 6 fields (second minute hour "
                               "day-of-month month day-of-week), found 5");
        });
}

BOOST_AUTO_TEST_CASE(rejects_values_out_of_range_and_names_the_field) {
    BOOST_CHECK_EXCEPTION(CronExpression::parse("0 60 * * * *"), crmsync::ConfigError,
                          [](const auto& e) {
                              return cronErrorIs(e,
                                                 "cron '0 60 * * * *': minute: 60 is outside "
                                                 "0..59");
                          });
    BOOST_CHECK_EXCEPTION(CronExpression::parse("0 0 0 0 * *"), crmsync::ConfigError,
                          [](const auto& e) {
                              return cronErrorIs(e,
                                                 "cron '0 0 0 0 * *': day of month: 0 is "
                                                 "outside 1..31");
                          });
}

BOOST_AUTO_TEST_CASE(rejects_bad_names_steps_and_backward_ranges) {
    BOOST_CHECK_EXCEPTION(CronExpression::parse("0 0 0 * FOO *"), crmsync::ConfigError,
                          [](const auto& e) {
                              return cronErrorIs(e,
                                                 "cron '0 0 0 * FOO *': month: 'FOO' is not "
                                                 "a number or a name");
                          });
    BOOST_CHECK_EXCEPTION(CronExpression::parse("*/0 * * * * *"), crmsync::ConfigError,
                          [](const auto& e) {
                              return cronErrorIs(e,
                                                 "cron '*/0 * * * * *': second: step '0' "
                                                 "must be a positive number");
                          });
    BOOST_CHECK_EXCEPTION(CronExpression::parse("0 0 17-9 * * *"), crmsync::ConfigError,
                          [](const auto& e) {
                              return cronErrorIs(e,
                                                 "cron '0 0 17-9 * * *': hour: range '17-9' "
                                                 "runs backwards");
                          });
}

BOOST_AUTO_TEST_SUITE_END()
