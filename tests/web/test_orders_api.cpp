// GET /api/v1/orders (filters, state, paging) and /api/v1/orders/{id} (lines and story).
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include "tests/web/seed.h"
#include "tests/web/web_harness.h"

using namespace crmsync::test;

namespace {

// Four orders, one in each state (see core::kOrderStates).
struct FourOrders {
    std::int64_t in_1c, waiting, error, conflict;
};

FourOrders seedFourOrders(TestDatabase& db) {
    auto romashka = addCounterparty(db, "ООО Ромашка", "7701234567");
    auto vasilek = addCounterparty(db, "Vasilek LLC", "5009876543");
    FourOrders o{};
    o.in_1c = addOrder(db, "CRM-001", "2026-11-01T09:00:00", "1234.50", romashka, "УТ-000101",
                       "Shipped");
    bind(db, "order", "guid-in-1c", o.in_1c);
    o.waiting = addOrder(db, "CRM-002", "2026-11-10T09:00:00", "99.99", vasilek);
    o.error = addOrder(db, "CRM-003", "2026-11-20T09:00:00", "10", vasilek, "УТ-000103");
    bind(db, "order", "guid-error", o.error);
    addOutbox(db, "sales_order", o.error, "dead");
    o.conflict = addOrder(db, "CRM-004", "2026-11-30T09:00:00", "5.00", romashka, "УТ-000104");
    bind(db, "order", "guid-conflict", o.conflict);
    auto line = addLine(db, o.conflict, 1, "Widget", "2", "2.50", "5.00");
    addConflict(db, "order_line", line, "quantity", "2", "3");
    return o;
}

std::vector<std::string> ids(const Reply& reply) {
    std::vector<std::string> out;
    auto items = reply.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        out.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(orders_api)

CRMSYNC_TEST_ON_BOTH(lists_orders_newest_first_with_their_state_and_exact_totals) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    FourOrders o = seedFourOrders(web.db());
    Browser anna = web.browser("anna", "correct horse");
    Reply reply = web.get("/api/v1/orders", anna);
    BOOST_REQUIRE_EQUAL(reply.status, 200);
    auto items = reply.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 4u);
    auto first = items->getObject(3);  // the oldest comes last
    BOOST_TEST(first->getValue<std::string>("id") == std::to_string(o.in_1c));
    BOOST_TEST(first->getValue<std::string>("crm_number") == "CRM-001");
    BOOST_TEST(first->getValue<std::string>("onec_number") == "УТ-000101");
    BOOST_TEST(first->getValue<std::string>("onec_status") == "Shipped");
    BOOST_TEST(first->getValue<std::string>("date") == "2026-11-01T09:00:00");
    BOOST_TEST(first->getValue<std::string>("counterparty") == "ООО Ромашка");
    BOOST_TEST(first->getValue<std::string>("inn") == "7701234567");
    BOOST_TEST(first->get("total").isString());
    BOOST_TEST(first->getValue<std::string>("total") == "1234.50");
    BOOST_TEST(first->getValue<std::string>("state") == "in_1c");
    BOOST_TEST(items->getObject(2)->getValue<std::string>("state") == "waiting");
    BOOST_TEST(items->getObject(1)->getValue<std::string>("state") == "error");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("state") == "conflict");
    BOOST_TEST(reply.json()->isNull("next_cursor"));
}

CRMSYNC_TEST_ON_BOTH(filters_by_text_state_and_dates_and_pages_with_a_cursor) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    FourOrders o = seedFourOrders(web.db());
    Browser anna = web.browser("anna", "correct horse");
    auto only = [](std::int64_t id) { return std::vector<std::string>{std::to_string(id)}; };
    BOOST_TEST(ids(web.get("/api/v1/orders?state=waiting", anna)) == only(o.waiting));
    BOOST_TEST(ids(web.get("/api/v1/orders?state=error", anna)) == only(o.error));
    BOOST_TEST(ids(web.get("/api/v1/orders?state=conflict", anna)) == only(o.conflict));
    BOOST_TEST(ids(web.get("/api/v1/orders?q=crm-002", anna)) == only(o.waiting));
    BOOST_TEST(ids(web.get("/api/v1/orders?q=000103", anna)) == only(o.error));
    BOOST_TEST(ids(web.get("/api/v1/orders?q=7701234567", anna)).size() == 2u);
    BOOST_TEST(ids(web.get("/api/v1/orders?q=vasilek", anna)).size() == 2u);
    BOOST_TEST(ids(web.get("/api/v1/orders?q=%25", anna)).empty());  // % is literal
    BOOST_TEST(ids(web.get("/api/v1/orders?from=2026-11-10&to=2026-11-20", anna)) ==
               (std::vector<std::string>{std::to_string(o.error), std::to_string(o.waiting)}));

    Reply page = web.get("/api/v1/orders?limit=3", anna);
    BOOST_TEST(ids(page).size() == 3u);
    std::string cursor = page.json()->getValue<std::string>("next_cursor");
    BOOST_TEST(ids(web.get("/api/v1/orders?limit=3&cursor=" + cursor, anna)) == only(o.in_1c));
}

CRMSYNC_TEST_ON_BOTH(bad_filters_are_400_naming_the_field) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Browser anna = web.browser("anna", "correct horse");
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"state=lost", "state"},
                                                          {"from=01.11.2026", "from"},
                                                          {"to=2026-13", "to"},
                                                          {"from=2026-11-02&to=2026-11-01", "to"},
                                                          {"limit=0", "limit"},
                                                          {"limit=100000", "limit"},
                                                          {"cursor=abc", "cursor"}}) {
        Reply reply = web.get("/api/v1/orders?" + query, anna);
        BOOST_TEST(reply.status == 400, query);
        BOOST_TEST(reply.errorCode() == "bad_request", query);
        BOOST_TEST(reply.errorField() == field, query);
    }
}

CRMSYNC_TEST_ON_BOTH(one_order_has_its_lines_and_its_story_in_time_order) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    auto db = &web.db();
    auto order = addOrder(*db, "CRM-9", "2026-11-05T10:00:00", "12.50",
                          addCounterparty(*db, "ООО Ромашка", "7701234567"), "УТ-9", "New");
    auto line1 = addLine(*db, order, 1, "Widget", "2", "2.50", "5.00");
    auto line2 = addLine(*db, order, 2, "Gadget", "1.5", "5", "7.50");
    auto other = addOrder(*db, "CRM-10", "2026-11-05T10:00:00", "1", 0);
    addJournal(*db, "order", order, "1c", "insert");
    addJournal(*db, "order_line", line1, "1c", "insert");
    addJournal(*db, "order", other, "1c", "insert");  // not this order's
    addJournal(*db, "order_line", line2, "1c", "insert");
    addJournal(*db, "order", order, "person", "resolve", "conflict 3 by anna: checked");

    Reply reply = web.get("/api/v1/orders/" + std::to_string(order), web.browser("anna", "correct horse"));
    BOOST_REQUIRE_EQUAL(reply.status, 200);
    auto json = reply.json();
    auto head = json->getObject("order");
    BOOST_TEST(head->getValue<std::string>("crm_number") == "CRM-9");
    BOOST_TEST(head->getValue<std::string>("total") == "12.50");
    auto lines = head->getArray("lines");
    BOOST_REQUIRE_EQUAL(lines->size(), 2u);
    BOOST_TEST(lines->getObject(0)->getValue<std::string>("product") == "Widget");
    BOOST_TEST(lines->getObject(1)->getValue<std::string>("quantity") == "1.5");
    BOOST_TEST(lines->getObject(1)->getValue<std::string>("price") == "5");
    BOOST_TEST(lines->getObject(1)->getValue<std::string>("sum") == "7.50");
    auto story = json->getArray("story");
    BOOST_REQUIRE_EQUAL(story->size(), 4u);
    std::vector<std::string> entities;
    std::int64_t last_seq = 0;
    for (unsigned i = 0; i < story->size(); ++i) {
        auto row = story->getObject(i);
        entities.push_back(row->getValue<std::string>("entity"));
        BOOST_TEST(row->getValue<std::int64_t>("seq") > last_seq);
        last_seq = row->getValue<std::int64_t>("seq");
    }
    BOOST_TEST(entities ==
               (std::vector<std::string>{"order", "order_line", "order_line", "order"}));
    BOOST_TEST(story->getObject(3)->getValue<std::string>("by") == "anna");
    BOOST_TEST(story->getObject(0)->getValue<std::string>("by") == "");
    BOOST_TEST(story->getObject(0)->getObject("after")->getValue<std::string>("number") == "x");

    Reply missing = web.get("/api/v1/orders/999999", web.browser("anna", "correct horse"));
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(missing.errorCode() == "not_found");
    BOOST_TEST(web.get("/api/v1/orders/x1", web.browser("anna", "correct horse")).errorField() ==
               "id");
}

BOOST_AUTO_TEST_SUITE_END()
