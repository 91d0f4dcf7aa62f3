// The OData client against the 1C emulator over real HTTP on loopback. Retry delays are
// recorded, not slept, so the fault tests run at full speed and repeat exactly.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_literals.h"
#include "crmcore/error.h"
#include "tests/emulator/odata_emulator.h"

using namespace crmsync;
using namespace crmsync::odata;
using namespace std::chrono_literals;

namespace {

const std::string kProducts = "Catalog_Номенклатура";
const std::string kOrders = "Document_ЗаказКлиента";

// True when what() contains every one of `parts`; reports the message when it does not.
auto messageHas(std::vector<std::string> parts) {
    return [parts](const std::exception& e) {
        std::string message = e.what();
        bool all = true;
        for (const auto& part : parts) {
            if (message.find(part) == std::string::npos) {
                BOOST_TEST_MESSAGE("missing '" << part << "' in: " << message);
                all = false;
            }
        }
        return all;
    };
}

struct EmulatorFixture {
    emulator::OdataEmulator server;
    std::vector<std::chrono::milliseconds> sleeps;  // backoff delays the client asked for

    explicit EmulatorFixture(emulator::OdataEmulatorOptions options = {})
        : server(std::move(options)) {
        server.store().declare(kProducts);
        server.store().declare(kOrders);
    }

    OdataSettings settings() const {
        OdataSettings s;
        s.base_url = server.url();
        s.user = server.options().user;
        s.password = server.options().password;
        s.connect_timeout = 5s;
        s.read_timeout = 10s;
        s.retry = RetryPolicy{5, 100ms, 400ms, 0.5};
        return s;
    }

    OdataClient client(const OdataSettings& s) {
        return OdataClient(s, [this](std::chrono::milliseconds d) { sleeps.push_back(d); });
    }

    // `count` products with Code 00000.. and Description "Товар N".
    void addProducts(int count, const std::string& parent_key = {}) {
        for (int i = 0; i < count; ++i) {
            char code[16];
            std::snprintf(code, sizeof code, "%05d", i);
            Poco::JSON::Object item;
            item.set("Code", std::string(code));
            item.set("Description", "Товар " + std::to_string(i));
            item.set("Parent_Key", parent_key.empty() ? "00000000-0000-0000-0000-000000000000"
                                                      : parent_key);
            server.store().insert(kProducts, item);
        }
    }

    std::vector<std::string> codesOf(OdataClient& client, const OdataQuery& query) {
        std::vector<std::string> codes;
        client.list(kProducts, query, [&](const Poco::JSON::Array& page) {
            for (std::size_t i = 0; i < page.size(); ++i) {
                auto entity = page.getObject(static_cast<unsigned>(i));
                codes.push_back(entity->getValue<std::string>("Code"));
            }
        });
        return codes;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(odata_client, EmulatorFixture)

BOOST_AUTO_TEST_CASE(pages_through_2500_items_and_returns_each_once) {
    addProducts(2500);
    auto odata = client(settings());
    std::vector<std::size_t> page_sizes;
    std::set<std::string> codes;
    OdataQuery query;
    query.orderby = "Ref_Key";
    query.select = {"Ref_Key", "Code"};
    std::size_t read = odata.list(kProducts, query, [&](const Poco::JSON::Array& page) {
        page_sizes.push_back(page.size());
        for (std::size_t i = 0; i < page.size(); ++i) {
            auto entity = page.getObject(static_cast<unsigned>(i));
            codes.insert(entity->getValue<std::string>("Code"));
            BOOST_TEST(!entity->has("Description"));  // $select honoured
        }
    });
    BOOST_TEST(read == 2500u);
    BOOST_TEST(codes.size() == 2500u);
    BOOST_TEST(page_sizes == (std::vector<std::size_t>{1000, 1000, 500}),
               boost::test_tools::per_element());
    BOOST_TEST(odata.requestCount() == 3u);
    BOOST_TEST(server.requestCount() == 3u);
}

BOOST_AUTO_TEST_CASE(an_exact_multiple_of_the_page_size_ends_with_one_empty_page) {
    addProducts(2000);
    auto odata = client(settings());
    BOOST_TEST(codesOf(odata, OdataQuery{}).size() == 2000u);
    BOOST_TEST(server.requestCount() == 3u);
}

BOOST_AUTO_TEST_CASE(query_top_and_skip_are_a_window_over_the_pages) {
    addProducts(30);
    auto s = settings();
    s.page_size = 4;
    auto odata = client(s);
    OdataQuery query;
    query.orderby = "Code desc";
    query.skip = 3;
    query.top = 10;
    auto codes = codesOf(odata, query);
    BOOST_TEST(codes.size() == 10u);
    BOOST_TEST(codes.front() == "00026");
    BOOST_TEST(codes.back() == "00017");
}

BOOST_AUTO_TEST_CASE(filters_by_guid_datetime_and_string_literals_on_cyrillic_sets) {
    const std::string folder = "6f1b3c2a-0d4e-11ee-8c90-0242ac120002";
    addProducts(5, folder);
    addProducts(7);
    Poco::JSON::Object quoted;
    quoted.set("Code", "X1");
    quoted.set("Description", "ООО \"Ромашка\" O'Neil");
    server.store().insert(kProducts, quoted);
    for (const char* date : {"2024-01-31T23:59:59", "2024-02-01T00:00:00", "2024-02-15T10:30:00"}) {
        Poco::JSON::Object order;
        order.set("Number", std::string("ЗК-") + date);
        order.set("Date", std::string(date));
        order.set("Posted", false);
        server.store().insert(kOrders, order);
    }
    auto odata = client(settings());

    OdataQuery in_folder;
    in_folder.filter = "Parent_Key eq " + guidLiteral(folder) + " and DeletionMark eq false";
    BOOST_TEST(codesOf(odata, in_folder).size() == 5u);

    OdataQuery by_name;
    by_name.filter = "Description eq " + stringLiteral("ООО \"Ромашка\" O'Neil");
    BOOST_TEST(codesOf(odata, by_name) == std::vector<std::string>{"X1"},
               boost::test_tools::per_element());

    OdataQuery since;
    since.filter = "Date ge " + datetimeLiteral(core::DateTime{"2024-02-01T00:00:00"});
    since.orderby = "Date";
    std::vector<std::string> numbers;
    odata.list(kOrders, since, [&](const Poco::JSON::Array& page) {
        for (std::size_t i = 0; i < page.size(); ++i) {
            auto order = page.getObject(static_cast<unsigned>(i));
            numbers.push_back(order->getValue<std::string>("Number"));
        }
    });
    BOOST_TEST(numbers == (std::vector<std::string>{"ЗК-2024-02-01T00:00:00",
                                                     "ЗК-2024-02-15T10:30:00"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(create_and_update_change_data_version) {
    auto odata = client(settings());
    Poco::JSON::Object item;
    item.set("Code", "00001");
    item.set("Description", "Стол письменный");
    item.set("Артикул", "СТ-01");
    auto created = odata.create(kProducts, item);
    std::string ref_key = created->getValue<std::string>("Ref_Key");
    std::string first_version = created->getValue<std::string>("DataVersion");
    BOOST_TEST(ref_key.size() == 36u);
    BOOST_TEST(created->getValue<std::string>("Артикул") == "СТ-01");
    BOOST_TEST(created->getValue<bool>("DeletionMark") == false);

    Poco::JSON::Object changes;
    changes.set("Description", "Стол письменный, дуб");
    auto updated = odata.update(kProducts, ref_key, changes);
    BOOST_TEST(updated->getValue<std::string>("DataVersion") != first_version);
    BOOST_TEST(updated->getValue<std::string>("Артикул") == "СТ-01");

    auto read = odata.get(kProducts, ref_key, {"Description", "DataVersion"});
    BOOST_TEST(read->getValue<std::string>("Description") == "Стол письменный, дуб");
    BOOST_TEST(read->getValue<std::string>("DataVersion") ==
               updated->getValue<std::string>("DataVersion"));
    BOOST_TEST(server.store().size(kProducts) == 1u);
}

BOOST_AUTO_TEST_CASE(post_marks_a_document_posted) {
    auto odata = client(settings());
    Poco::JSON::Object order;
    order.set("Number", "ЗК-000001");
    order.set("Date", "2024-03-01T12:00:00");
    auto created = odata.create(kOrders, order);
    std::string ref_key = created->getValue<std::string>("Ref_Key");
    odata.post(kOrders, ref_key);
    auto posted = server.store().find(kOrders, ref_key);
    BOOST_TEST(posted->getValue<bool>("Posted"));
    BOOST_TEST(posted->getValue<std::string>("DataVersion") !=
               created->getValue<std::string>("DataVersion"));
}

BOOST_AUTO_TEST_CASE(a_401_fails_at_once_as_authentication_failed) {
    auto s = settings();
    s.password = "wrong";
    auto odata = client(s);
    BOOST_CHECK_EXCEPTION(odata.get(kProducts, "6f1b3c2a-0d4e-11ee-8c90-0242ac120002"), Error,
                          messageHas({"1C OData GET Catalog_Номенклатура: authentication failed "
                                      "(HTTP 401: Ошибка аутентификации (1C error code 401))"}));
    BOOST_TEST(server.requestCount() == 1u);
    BOOST_TEST(sleeps.empty());

    server.faults().reject_auth = true;
    auto right_password = client(settings());
    BOOST_CHECK_EXCEPTION(right_password.list(kProducts, {}, [](const Poco::JSON::Array&) {}),
                          Error, messageHas({"authentication failed"}));
    BOOST_TEST(server.requestCount() == 2u);
}

BOOST_AUTO_TEST_CASE(a_404_and_a_400_carry_1c_message_and_are_not_retried) {
    auto odata = client(settings());
    BOOST_CHECK_EXCEPTION(
        odata.get(kProducts, "6f1b3c2a-0d4e-11ee-8c90-0242ac120002"), Error,
        [](const Error& e) {
            BOOST_TEST(std::string(e.what()) ==
                       "1C OData GET Catalog_Номенклатура: HTTP 404: Объект не найден: "
                       "Catalog_Номенклатура(guid'6f1b3c2a-0d4e-11ee-8c90-0242ac120002') "
                       "(1C error code 9)");
            return dynamic_cast<const ExternalUnavailable*>(&e) == nullptr;
        });
    BOOST_CHECK_EXCEPTION(odata.list("Catalog_Склады", {}, [](const Poco::JSON::Array&) {}),
                          Error,
                          messageHas({"GET Catalog_Склады: HTTP 404: Не найден ресурс: "
                                      "Catalog_Склады"}));
    OdataQuery bad;
    bad.filter = "Code eqq '1'";
    BOOST_CHECK_EXCEPTION(odata.list(kProducts, bad, [](const Poco::JSON::Array&) {}), Error,
                          messageHas({"GET Catalog_Номенклатура: HTTP 400: Ошибка разбора",
                                      "unknown operator 'eqq'", "(1C error code 6)"}));
    BOOST_TEST(server.requestCount() == 3u);
    BOOST_TEST(sleeps.empty());
}

BOOST_AUTO_TEST_CASE(every_fifth_request_failing_with_500_is_retried_to_success) {
    addProducts(2500);
    auto s = settings();
    s.page_size = 100;
    auto odata = client(s);
    server.faults().fail_every = 5;
    OdataQuery query;
    query.orderby = "Code";
    auto codes = codesOf(odata, query);
    BOOST_TEST(codes.size() == 2500u);
    BOOST_TEST(std::set<std::string>(codes.begin(), codes.end()).size() == 2500u);
    // 26 pages (the last one empty) need 26 good answers; every 5th request failed.
    BOOST_TEST(server.requestCount() == 32u);
    BOOST_TEST(sleeps.size() == 6u);
    for (auto delay : sleeps) {
        BOOST_TEST(delay.count() >= 50);  // first retry: 100 ms less up to half of it
        BOOST_TEST(delay.count() <= 100);
    }
}

BOOST_AUTO_TEST_CASE(a_request_that_times_out_is_retried) {
    addProducts(3);
    auto s = settings();
    s.read_timeout = 500ms;
    auto odata = client(s);
    server.faults().hang_next = 1;
    BOOST_TEST(codesOf(odata, OdataQuery{}).size() == 3u);
    BOOST_TEST(server.requestCount() == 2u);
    BOOST_TEST(sleeps.size() == 1u);
}

BOOST_AUTO_TEST_CASE(gives_up_after_max_attempts_as_external_unavailable) {
    auto odata = client(settings());
    server.faults().fail_every = 1;
    BOOST_CHECK_EXCEPTION(odata.list(kProducts, {}, [](const Poco::JSON::Array&) {}),
                          ExternalUnavailable,
                          messageHas({"1C OData GET Catalog_Номенклатура " + server.url() +
                                          "/Catalog_",
                                      "1C is unavailable after 5 attempts: HTTP 500: Сервер "
                                      "1С:Предприятия временно недоступен (1C error code -1)"}));
    BOOST_TEST(server.requestCount() == 5u);
    BOOST_REQUIRE(sleeps.size() == 4u);
    // 100, 200, 400, 400 ms before jitter: growing, capped at max_delay.
    BOOST_TEST(sleeps[3].count() >= 200);
    BOOST_TEST(sleeps[3].count() <= 400);
    BOOST_TEST(sleeps[0].count() <= 100);
}

BOOST_AUTO_TEST_CASE(a_refused_connection_is_retried_then_reported_unavailable) {
    auto s = settings();
    s.base_url = "http://127.0.0.1:1/base/odata/standard.odata";  // nothing listens on port 1
    s.retry.attempts = 2;
    auto odata = client(s);
    BOOST_CHECK_THROW(odata.get(kProducts, "6f1b3c2a-0d4e-11ee-8c90-0242ac120002"),
                      ExternalUnavailable);
    BOOST_TEST(sleeps.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_create_whose_answer_is_lost_is_not_sent_again) {
    auto odata = client(settings());
    server.faults().drop_after_write_next = 1;
    Poco::JSON::Object counterparty;
    counterparty.set("Description", "ООО Ромашка");
    counterparty.set("ИНН", "7701234567");
    BOOST_CHECK_EXCEPTION(odata.create(kProducts, counterparty), ExternalUnavailable,
                          messageHas({"POST Catalog_Номенклатура", "the answer was lost"}));
    BOOST_TEST(server.store().size(kProducts) == 1u);  // committed once, never twice
    BOOST_TEST(server.requestCount() == 1u);
}

BOOST_AUTO_TEST_CASE(a_create_refused_with_500_is_retried_and_stored_once) {
    auto odata = client(settings());
    odata.list(kProducts, {}, [](const Poco::JSON::Array&) {});  // request 1
    server.faults().fail_every = 2;                               // request 2 fails, 3 passes
    Poco::JSON::Object item;
    item.set("Description", "Стул");
    auto created = odata.create(kProducts, item);
    BOOST_TEST(created->getValue<std::string>("Description") == "Стул");
    BOOST_TEST(server.store().size(kProducts) == 1u);
    BOOST_TEST(server.requestCount() == 3u);
}

BOOST_AUTO_TEST_CASE(an_update_whose_answer_is_lost_is_retried) {
    addProducts(1);
    auto odata = client(settings());
    std::string ref_key =
        server.store().select(kProducts, {}).front()->getValue<std::string>("Ref_Key");
    server.faults().drop_after_write_next = 1;
    Poco::JSON::Object changes;
    changes.set("Description", "Новое имя");
    auto updated = odata.update(kProducts, ref_key, changes);
    BOOST_TEST(updated->getValue<std::string>("Description") == "Новое имя");
    BOOST_TEST(sleeps.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(a_malformed_reply_names_the_url_but_not_the_password) {
    emulator::OdataEmulatorOptions options;
    options.user = "exchange";
    options.password = "Sup3rSecret";
    EmulatorFixture fixture(options);
    fixture.addProducts(2);
    auto s = fixture.settings();
    s.user.clear();
    s.password.clear();
    const std::string host = fixture.server.url().substr(std::string("http://").size());
    s.base_url = "http://exchange:Sup3rSecret@" + host;
    auto odata = fixture.client(s);
    fixture.server.faults().malformed_next = 1;
    BOOST_CHECK_EXCEPTION(odata.list(kProducts, {}, [](const Poco::JSON::Array&) {}), Error,
                          [&](const Error& e) {
                              std::string message = e.what();
                              BOOST_TEST_MESSAGE(message);
                              return message.find("1C OData GET Catalog_Номенклатура " +
                                                  fixture.server.url() + "/Catalog_") == 0 &&
                                     message.find("malformed JSON reply") != std::string::npos &&
                                     message.find("Sup3rSecret") == std::string::npos;
                          });
    // The same credentials from the URL work once the reply is whole again.
    BOOST_TEST(fixture.codesOf(odata, OdataQuery{}).size() == 2u);
}
