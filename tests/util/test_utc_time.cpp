#include <boost/test/unit_test.hpp>

#include "util/utc_time.h"

using namespace crmsync::util;
using namespace std::chrono;

namespace {

// 2024-05-01T12:30:05.042Z
const TimePoint kAt = TimePoint(milliseconds(1714566605042LL));

}  // namespace

BOOST_AUTO_TEST_SUITE(utc_time)

BOOST_AUTO_TEST_CASE(iso_date_time_pads_every_part) {
    BOOST_TEST(isoDateTime(2014, 6, 1, 0, 36, 3) == "2014-06-01T00:36:03");
    BOOST_TEST(isoDateTime(1, 1, 1, 0, 0, 0) == "0001-01-01T00:00:00");
}

BOOST_AUTO_TEST_CASE(formats_keep_their_exact_shapes) {
    BOOST_TEST(utcIsoSeconds(kAt) == "2024-05-01T12:30:05");
    BOOST_TEST(utcIsoMillis(kAt) == "2024-05-01T12:30:05.042Z");
    BOOST_TEST(utcCompact(kAt) == "20240501T123005Z");
}

BOOST_AUTO_TEST_CASE(unix_seconds_count_whole_seconds_since_1970) {
    BOOST_TEST(unixSeconds(kAt) == 1714566605LL);
    BOOST_TEST(unixSeconds(TimePoint()) == 0LL);
}

BOOST_AUTO_TEST_CASE(seconds_are_cut_not_rounded) {
    TimePoint late = TimePoint(milliseconds(951868799999LL));  // 2000-02-29T23:59:59.999Z
    BOOST_TEST(utcIsoSeconds(late) == "2000-02-29T23:59:59");
    BOOST_TEST(utcIsoMillis(late) == "2000-02-29T23:59:59.999Z");
    BOOST_TEST(utcCompact(late) == "20000229T235959Z");
    BOOST_TEST(utcIsoMillis(late + microseconds(900)) == "2000-02-29T23:59:59.999Z");
}

BOOST_AUTO_TEST_SUITE_END()
