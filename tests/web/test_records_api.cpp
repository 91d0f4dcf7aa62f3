// The journal, the conflict queue (resolve writes the CRM row and a journal row in the
// person's name), the outbox (retry), the quarantine, the run log and health.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>

#include "app/store_factory.h"
#include "tests/web/seed.h"
#include "tests/web/web_harness.h"

using namespace crmsync::test;

BOOST_AUTO_TEST_SUITE(records_api)

CRMSYNC_TEST_ON_BOTH(journal_filters_pages_and_names_a_bad_filter) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    for (int i = 1; i <= 5; ++i) {
        addJournal(web.db(), i % 2 == 0 ? "product" : "order", i, i == 5 ? "person" : "1c",
                   i == 5 ? "outbox-retry" : "insert");
    }
    Browser anna = web.browser("anna", "correct horse");
    Reply all = web.get("/api/v1/journal?limit=2", anna);
    BOOST_REQUIRE_EQUAL(all.status, 200);
    auto items = all.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 2u);
    auto first = items->getObject(0);
    for (const char* field : {"seq", "at", "run", "entity", "onec_key", "crm_key", "origin", "op",
                              "before", "after", "policy", "mapping_version", "lineage", "by"}) {
        BOOST_TEST(first->has(field), field);
    }
    std::string cursor = all.json()->getValue<std::string>("next_cursor");
    Reply next = web.get("/api/v1/journal?limit=2&cursor=" + cursor, anna);
    BOOST_TEST(next.json()->getArray("items")->getObject(0)->getValue<std::int64_t>("seq") ==
               first->getValue<std::int64_t>("seq") + 2);

    BOOST_TEST(web.get("/api/v1/journal?entity=product", anna).json()->getArray("items")->size() ==
               2u);
    BOOST_TEST(web.get("/api/v1/journal?origin=person&op=outbox-retry", anna)
                   .json()
                   ->getArray("items")
                   ->size() == 1u);
    BOOST_TEST(web.get("/api/v1/journal?key=k3", anna).json()->getArray("items")->size() == 1u);
    BOOST_TEST(web.get("/api/v1/journal?since=2000-01-01&until=2000-01-02", anna)
                   .json()
                   ->getArray("items")
                   ->size() == 0u);
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"run=first", "run"},
             {"origin=robot", "origin"},
             {"op=explode", "op"},
             {"since=yesterday", "since"},
             {"until=2026-12-01T25", "until"},
             {"entity=spaceship", "entity"}}) {
        Reply reply = web.get("/api/v1/journal?" + query, anna);
        BOOST_TEST(reply.status == 400, query);
        BOOST_TEST(reply.errorField() == field, query);
    }
}

CRMSYNC_TEST_ON_BOTH(resolving_a_conflict_writes_the_crm_row_and_journals_the_person) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    auto order = addOrder(web.db(), "A-1", "2026-11-05T10:00:00", "10.00",
                          addCounterparty(web.db(), "ООО Ромашка", "7701234567"));
    bind(web.db(), "order", "guid-a1", order);
    auto conflict = addConflict(web.db(), "order", order, "comment", "as typed in the CRM",
                                "as typed in 1C");
    Browser anna = web.browser("anna", "correct horse");

    Reply list = web.get("/api/v1/conflicts", anna);
    BOOST_REQUIRE_EQUAL(list.status, 200);
    auto item = list.json()->getArray("items")->getObject(0);
    BOOST_TEST(item->getValue<std::int64_t>("id") == conflict);
    BOOST_TEST(item->getValue<std::string>("field") == "comment");
    BOOST_TEST(item->getValue<std::string>("base") == "base text");
    BOOST_TEST(item->getValue<std::string>("crm") == "as typed in the CRM");
    BOOST_TEST(item->getValue<std::string>("onec") == "as typed in 1C");
    BOOST_TEST(item->getValue<std::string>("crm_changed_at") == "2026-11-05T10:00:00.000Z");
    BOOST_TEST(item->getValue<std::string>("status") == "open");
    std::string path = "/api/v1/conflicts/" + std::to_string(conflict);
    BOOST_TEST(web.get(path, anna).json()->getValue<std::string>("onec") == "as typed in 1C");
    BOOST_TEST(web.get("/api/v1/conflicts/999999", anna).errorCode() == "not_found");
    BOOST_TEST(web.get("/api/v1/conflicts?status=closed", anna).errorField() == "status");

    BOOST_TEST(web.post(path + "/resolve", R"({"take":"both"})", anna).errorField() == "take");
    BOOST_TEST(web.post(path + "/resolve", R"({})", anna).errorField() == "take");
    BOOST_TEST(web.post(path + "/resolve", R"({"take":"crm","value":"x"})", anna).errorField() ==
               "take");
    BOOST_TEST(web.post(path + "/resolve", R"({"value":7})", anna).errorField() == "value");
    BOOST_TEST(web.post(path + "/resolve", R"(["take"])", anna).errorCode() == "bad_json");
    BOOST_TEST(web.post("/api/v1/conflicts/999999/resolve", R"({"take":"crm"})", anna).status ==
               404);

    Reply resolved =
        web.post(path + "/resolve", R"({"take":"onec","comment":"1C is right"})", anna);
    BOOST_REQUIRE_EQUAL(resolved.status, 200);
    BOOST_TEST(resolved.json()->getValue<std::string>("status") == "resolved");
    BOOST_TEST(resolved.json()->getValue<std::string>("decided_by") == "anna");
    BOOST_TEST(resolved.json()->getValue<std::string>("comment") == "1C is right");
    BOOST_TEST(web.db().text("SELECT comment FROM sales_order WHERE id = " +
                             std::to_string(order)).value() == "as typed in 1C");
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM journal WHERE op = 'resolve' AND origin = "
                              "'person' AND lineage LIKE '% by anna: 1C is right'") == 1);
    // The order's story shows who did it.
    auto story = web.get("/api/v1/orders/" + std::to_string(order), anna).json()->getArray("story");
    BOOST_REQUIRE_EQUAL(story->size(), 1u);
    BOOST_TEST(story->getObject(0)->getValue<std::string>("by") == "anna");
    BOOST_TEST(story->getObject(0)->getValue<std::string>("op") == "resolve");

    Reply by_value = web.post(path + "/resolve", R"({"value":"typed by a person"})", anna);
    BOOST_REQUIRE_EQUAL(by_value.status, 200);
    BOOST_TEST(web.db().text("SELECT comment FROM sales_order").value() == "typed by a person");
}

CRMSYNC_TEST_ON_BOTH(outbox_lists_and_retries_a_dead_letter_in_the_persons_name) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    auto order = addOrder(web.db(), "A-1", "2026-11-05T10:00:00", "10.00", 0);
    auto dead = addOutbox(web.db(), "sales_order", order, "dead");
    auto line = addLine(web.db(), order, 1, "Widget", "1", "1", "1");
    addOutbox(web.db(), "order_line", line, "pending");
    Browser anna = web.browser("anna", "correct horse");

    Reply dead_only = web.get("/api/v1/outbox?state=dead", anna);
    BOOST_REQUIRE_EQUAL(dead_only.status, 200);
    auto items = dead_only.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 1u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("entity") == "order");
    BOOST_TEST(items->getObject(0)->getValue<std::string>("last_error") == "1C said no");
    BOOST_TEST(items->getObject(0)->getArray("fields")->getElement<std::string>(0) == "comment");
    BOOST_TEST(web.get("/api/v1/outbox", anna).json()->getArray("items")->size() == 2u);
    BOOST_TEST(web.get("/api/v1/outbox?state=gone", anna).errorField() == "state");

    Reply retried = web.post("/api/v1/outbox/" + std::to_string(dead) + "/retry", "", anna);
    BOOST_REQUIRE_EQUAL(retried.status, 200);
    BOOST_TEST(retried.json()->getValue<std::string>("state") == "pending");
    BOOST_TEST(retried.json()->getValue<int>("attempts") == 0);
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM journal WHERE op = 'outbox-retry' AND "
                              "origin = 'person'") == 1);
    auto story = web.get("/api/v1/orders/" + std::to_string(order), anna).json()->getArray("story");
    BOOST_REQUIRE_EQUAL(story->size(), 1u);
    BOOST_TEST(story->getObject(0)->getValue<std::string>("by") == "anna");
    BOOST_TEST(web.post("/api/v1/outbox/999999/retry", "", anna).errorCode() == "not_found");
}

CRMSYNC_TEST_ON_BOTH(quarantine_lists_the_record_as_received) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    web.db().execute("INSERT INTO quarantine (run_id, entity, onec_key, source_file, source_line, "
                     "reason, record) VALUES (1, 'product', 'guid-q', 'import.xml', 12, "
                     "'price: not a number', '{\"price\":\"12,5\"}')");
    web.db().execute("INSERT INTO quarantine (run_id, entity, onec_key, source_file, source_line, "
                     "reason, record, resolved_run_id) VALUES (1, 'product', 'guid-r', "
                     "'import.xml', 20, 'old', '{}', 2)");
    Browser anna = web.browser("anna", "correct horse");
    Reply open = web.get("/api/v1/quarantine", anna);
    BOOST_REQUIRE_EQUAL(open.status, 200);
    auto items = open.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 1u);
    auto entry = items->getObject(0);
    BOOST_TEST(entry->getValue<std::string>("onec_key") == "guid-q");
    BOOST_TEST(entry->getValue<std::string>("file") == "import.xml");
    BOOST_TEST(entry->getValue<int>("line") == 12);
    BOOST_TEST(entry->getValue<std::string>("reason") == "price: not a number");
    BOOST_TEST(entry->getObject("record")->getValue<std::string>("price") == "12,5");
    BOOST_TEST(entry->getValue<std::string>("status") == "open");
    BOOST_TEST(web.get("/api/v1/quarantine?status=all", anna).json()->getArray("items")->size() ==
               2u);
    BOOST_TEST(web.get("/api/v1/quarantine?status=nope", anna).errorField() == "status");
}

// Replay through the daemon's mapping: a group refused earlier (say, for a mapping mistake
// since fixed) is applied and its entry closed; a price whose decimal is still wrong stays
// open with today's reason; each replay is a journal row in the person's name.
CRMSYNC_TEST_ON_BOTH(replaying_quarantine_applies_what_the_mapping_now_takes) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    web.db().execute("INSERT INTO sync_run (kind, input, status) VALUES ('import', 'import.xml', "
                     "'succeeded')");
    std::string run = std::to_string(lastId(web.db(), "sync_run"));
    web.db().execute("INSERT INTO quarantine (run_id, entity, onec_key, source_file, source_line, "
                     "reason, record) VALUES (" + run + ", 'product_group', 'g-9', 'import.xml', "
                     "14, 'name: mapped to a missing column', '{\"name\":\"Освещение\"}')");
    std::string group = std::to_string(lastId(web.db(), "quarantine"));
    web.db().execute("INSERT INTO quarantine (run_id, entity, onec_key, source_file, source_line, "
                     "reason, record) VALUES (" + run + ", 'price', 'p-none|pt', 'offers.xml', 7, "
                     "'old reason', '{\"product\":\"p-none\",\"price_type\":\"pt\","
                     "\"value\":\"1.00\",\"currency\":\"RUB\"}')");
    std::string bad = std::to_string(lastId(web.db(), "quarantine"));
    Browser anna = web.browser("anna", "correct horse");

    Reply shown = web.get("/api/v1/quarantine/" + group, anna);
    BOOST_REQUIRE_EQUAL(shown.status, 200);
    BOOST_TEST(shown.json()->getObject("record")->getValue<std::string>("name") == "Освещение");

    Reply applied = web.post("/api/v1/quarantine/" + group + "/replay", "", anna);
    BOOST_REQUIRE_EQUAL(applied.status, 200);
    BOOST_TEST(applied.json()->getValue<bool>("applied"));
    BOOST_TEST(applied.json()->getObject("entry")->getValue<std::string>("status") == "resolved");
    BOOST_TEST(*web.db().text("SELECT name FROM product_group") == "Освещение");
    BOOST_TEST(web.post("/api/v1/quarantine/" + group + "/replay", "", anna).status == 409);

    Reply refused = web.post("/api/v1/quarantine/" + bad + "/replay", "", anna);
    BOOST_REQUIRE_EQUAL(refused.status, 200);
    BOOST_TEST(!refused.json()->getValue<bool>("applied"));
    BOOST_TEST(refused.json()->getValue<std::string>("reason").find("unknown") !=
               std::string::npos);
    BOOST_TEST(refused.json()->getObject("entry")->getValue<std::string>("status") == "open");

    auto replays = web.get("/api/v1/journal?op=quarantine-replay&by=anna", anna)
                       .json()
                       ->getArray("items");
    BOOST_REQUIRE_EQUAL(replays->size(), 2u);
    BOOST_TEST(replays->getObject(0)->getValue<std::string>("by") == "anna");
    BOOST_TEST(replays->getObject(0)->getValue<std::string>("entity") == "product_group");
    BOOST_TEST(replays->getObject(0)->getValue<std::string>("lineage") == "import.xml:14");
    BOOST_TEST(web.post("/api/v1/quarantine/99999/replay", "", anna).status == 404);
    BOOST_TEST(web.post("/api/v1/quarantine/abc/replay", "", anna).errorField() == "id");
}

CRMSYNC_TEST_ON_BOTH(signing_in_and_out_is_journaled_in_the_persons_name) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Browser anna = web.browser("anna", "correct horse");
    auto rows = web.get("/api/v1/journal?origin=person&op=sign-in", anna).json()->getArray("items");
    BOOST_REQUIRE_EQUAL(rows->size(), 1u);
    BOOST_TEST(rows->getObject(0)->getValue<std::string>("by") == "anna");
    BOOST_TEST(rows->getObject(0)->getValue<std::string>("lineage") == "web 127.0.0.1");
    BOOST_TEST(web.signIn("anna", "wrong").status == 401);
    BOOST_TEST(web.get("/api/v1/journal?op=sign-in", anna).json()->getArray("items")->size() == 1u);
}

CRMSYNC_TEST_ON_BOTH(runs_newest_first_and_health_with_lag_per_entity) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    web.db().execute("INSERT INTO sync_run (kind, input, status, read_count) VALUES "
                     "('import', 'a.xml', 'succeeded', 7)");
    web.db().execute("INSERT INTO sync_run (kind, input, status, error) VALUES "
                     "('odata-pull', 'http://1c', 'failed', '1C is down')");
    {
        // Through the store, as the engine journals: the health reads what its commit noted.
        auto store = crmsync::app::openMigratedStore(web.db().url());
        auto tx = store->begin();
        tx->journal().append({1, "product", "k1", 1, "1c", "insert", "{}", "{}", "", "", ""});
        tx->commit();
    }
    Browser anna = web.browser("anna", "correct horse");
    Reply runs = web.get("/api/v1/runs", anna);
    BOOST_REQUIRE_EQUAL(runs.status, 200);
    auto items = runs.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 2u);
    BOOST_TEST(items->getObject(0)->getValue<std::string>("error") == "1C is down");
    BOOST_TEST(items->getObject(1)->getObject("counts")->getValue<int>("read") == 7);
    Reply one = web.get("/api/v1/runs?limit=1", anna);
    BOOST_TEST(one.json()->getArray("items")->size() == 1u);
    std::string cursor = one.json()->getValue<std::string>("next_cursor");
    BOOST_TEST(web.get("/api/v1/runs?cursor=" + cursor, anna)
                   .json()
                   ->getArray("items")
                   ->getObject(0)
                   ->getValue<std::string>("kind") == "import");

    Reply health = web.get("/api/v1/health", anna);
    BOOST_REQUIRE_EQUAL(health.status, 200);
    BOOST_TEST(health.json()->getValue<std::string>("database") == "ok");
    auto entities = health.json()->getArray("entities");
    BOOST_REQUIRE_EQUAL(entities->size(), 1u);
    BOOST_TEST(entities->getObject(0)->getValue<std::string>("entity") == "product");
    BOOST_TEST(entities->getObject(0)->getValue<std::string>("last_run_at").size() == 24u);
    BOOST_TEST(!entities->getObject(0)->isNull("lag_seconds"));
}

BOOST_AUTO_TEST_SUITE_END()
