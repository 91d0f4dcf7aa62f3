#define BOOST_TEST_MODULE odata
#include <boost/test/unit_test.hpp>

#include "util/backoff.h"
#include "adapters/onec/odata/odata_error.h"
#include "adapters/onec/odata/odata_literals.h"
#include "adapters/onec/odata/odata_query.h"
#include "crmcore/error.h"

using namespace crmsync;
using namespace crmsync::odata;
using crmsync::util::Backoff;
using crmsync::util::RetryPolicy;
using namespace std::chrono_literals;

namespace {

auto messageIs(const std::string& expected) {
    return [expected](const std::exception& e) {
        BOOST_TEST(e.what() == expected);
        return std::string(e.what()) == expected;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odata_literals)

BOOST_AUTO_TEST_CASE(writes_guid_datetime_and_string_literals_in_1c_form) {
    BOOST_TEST(guidLiteral("6f1b3c2a-0d4e-11ee-8c90-0242ac120002") ==
               "guid'6f1b3c2a-0d4e-11ee-8c90-0242ac120002'");
    BOOST_TEST(datetimeLiteral(core::DateTime{"2024-03-01T00:00:00"}) ==
               "datetime'2024-03-01T00:00:00'");
    BOOST_TEST(stringLiteral("ООО \"Ромашка\" O'Neil") == "'ООО \"Ромашка\" O''Neil'");
}

BOOST_AUTO_TEST_CASE(refuses_a_key_that_is_not_a_guid_so_it_cannot_alter_a_filter) {
    BOOST_CHECK_EXCEPTION(
        guidLiteral("1' or 1 eq 1"), Error,
        messageIs("1C OData: '1' or 1 eq 1' is not a GUID (expected 8-4-4-4-12 hex digits)"));
    BOOST_CHECK_EXCEPTION(
        datetimeLiteral(core::DateTime{"01.03.2024"}), Error,
        messageIs("1C OData: '01.03.2024' is not a date and time YYYY-MM-DDThh:mm:ss"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(odata_query)

BOOST_AUTO_TEST_CASE(percent_encodes_cyrillic_entity_sets_as_utf8) {
    BOOST_TEST(resourcePath("Catalog_Валюты") ==
               "Catalog_%D0%92%D0%B0%D0%BB%D1%8E%D1%82%D1%8B");
    BOOST_TEST(resourcePath("Catalog_Валюты", "6f1b3c2a-0d4e-11ee-8c90-0242ac120002") ==
               "Catalog_%D0%92%D0%B0%D0%BB%D1%8E%D1%82%D1%8B"
               "(guid'6f1b3c2a-0d4e-11ee-8c90-0242ac120002')");
}

BOOST_AUTO_TEST_CASE(builds_query_options_with_encoded_values) {
    OdataQuery query;
    query.select = {"Ref_Key", "Код"};
    query.filter = "DeletionMark eq false and Date ge datetime'2024-01-01T00:00:00'";
    query.orderby = "Ref_Key";
    query.top = 1000;
    query.skip = 2000;
    BOOST_TEST(queryString(query) ==
               "?$format=json&$select=Ref_Key,%D0%9A%D0%BE%D0%B4"
               "&$filter=DeletionMark%20eq%20false%20and%20Date%20ge%20"
               "datetime'2024-01-01T00:00:00'"
               "&$orderby=Ref_Key&$top=1000&$skip=2000");
    BOOST_TEST(queryString(OdataQuery{}) == "?$format=json");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(odata_error)

BOOST_AUTO_TEST_CASE(reads_1c_error_bodies_and_shows_other_bodies_raw) {
    std::string body =
        R"({"odata.error":{"code":"9","message":{"lang":"ru","value":"Объект не найден"}}})";
    BOOST_TEST(describeReply(404, body) == "HTTP 404: Объект не найден (1C error code 9)");
    BOOST_TEST(describeReply(502, "<html>Bad Gateway</html>") ==
               "HTTP 502: <html>Bad Gateway</html>");
    BOOST_TEST(describeReply(500, "") == "HTTP 500");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(odata_backoff)

BOOST_AUTO_TEST_CASE(doubles_the_delay_up_to_the_cap_without_jitter) {
    Backoff backoff(RetryPolicy{10, 100ms, 1000ms, 0.0});
    BOOST_TEST(backoff.delayBefore(2).count() == 100);
    BOOST_TEST(backoff.delayBefore(3).count() == 200);
    BOOST_TEST(backoff.delayBefore(4).count() == 400);
    BOOST_TEST(backoff.delayBefore(5).count() == 800);
    BOOST_TEST(backoff.delayBefore(6).count() == 1000);
    BOOST_TEST(backoff.delayBefore(60).count() == 1000);
}

BOOST_AUTO_TEST_CASE(jitter_shortens_delays_within_its_share) {
    Backoff backoff(RetryPolicy{10, 1000ms, 1000ms, 0.5}, 42);
    for (int i = 0; i < 100; ++i) {
        auto delay = backoff.delayBefore(2).count();
        BOOST_TEST(delay >= 500);
        BOOST_TEST(delay <= 1000);
    }
}

BOOST_AUTO_TEST_SUITE_END()
