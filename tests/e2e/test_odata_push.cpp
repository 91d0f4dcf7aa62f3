// Pushing CRM changes into an emulated 1C OData publication over real HTTP on loopback through
// the sample УТ 11 mapping's reverse rules, on SQLite and PostgreSQL.
#include <boost/test/unit_test.hpp>

#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "adapters/onec/odata/odata_object_writer.h"
#include "sync/object_push.h"
#include "tests/e2e/cli_runner.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

bool pullSucceeds(TestDatabase& db, emulator::OdataEmulator& onec) {
    return pullSample(db, onec).import.ok;
}

sync::PushReport push(TestDatabase& db, emulator::OdataEmulator& onec) {
    odata::OdataClient client(odataSettingsFor(onec));
    odata::OdataObjectWriter writer(client);
    return sync::pushToOneC(db.store(), odataSampleMapping(), writer, {});
}

const sync::EntityPushStats& statsOf(const sync::PushReport& report, const std::string& entity) {
    for (const auto& stats : report.entities) {
        if (stats.entity == entity) {
            return stats;
        }
    }
    throw std::runtime_error("no push of " + entity);
}

std::string crmId(TestDatabase& db, const std::string& entity, const std::string& key) {
    return db.text("SELECT crm_id FROM binding WHERE entity = '" + entity + "' AND onec_key = '" +
                   key + "'").value_or("");
}

// The 1C objects of a set whose Комментарий holds a crmsync mark, by mark.
std::map<std::string, Poco::JSON::Object::Ptr> markedObjects(emulator::OdataEmulator& onec,
                                                             const std::string& set) {
    std::map<std::string, Poco::JSON::Object::Ptr> marked;
    for (const auto& object : onec.store().select(set, {})) {
        std::string mark = object->optValue<std::string>("Комментарий", "");
        if (!mark.empty()) {
            BOOST_TEST(marked.count(mark) == 0u, "twice in 1C: " << mark);
            marked[mark] = object;
        }
    }
    return marked;
}

void insertOrder(TestDatabase& db, int n, const std::string& counterparty_id,
                 const std::string& product_a, const std::string& product_b) {
    db.execute("INSERT INTO sales_order (number, ordered_at, counterparty_id, active) VALUES "
               "('CRM-" + std::to_string(n) + "', '2026-05-01T10:00:00', " + counterparty_id +
               ", 1)");
    std::string order = std::to_string(db.count("SELECT MAX(id) FROM sales_order"));
    db.execute("INSERT INTO order_line (order_id, line_no, product_id, quantity, price, amount, "
               "active) VALUES (" + order + ", 1, " + product_a + ", 2, 104.01, 208.02, 1), (" +
               order + ", 2, " + product_b + ", 1.5, 10.10, 15.15, 1)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odata_push)

CRMSYNC_TEST_ON_BOTH(a_crm_counterparty_is_created_in_1c_once_with_russian_property_names) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    BOOST_TEST(push(db, onec).ok);  // what came from 1C is not sent back
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 3u);

    db.execute("INSERT INTO counterparty (name, full_name, kind, inn, kpp, active) VALUES "
               "('Ромашка', 'ООО \"Ромашка\"', 'company', '7701234567', '770101001', 1)");
    std::string id = std::to_string(db.count("SELECT MAX(id) FROM counterparty"));
    auto report = push(db, onec);
    BOOST_TEST_REQUIRE(report.ok, report.error);
    BOOST_TEST(statsOf(report, "counterparty").created == 1u);
    // From the outbox: only the new row is read, not the three that came from 1C.
    BOOST_TEST(statsOf(report, "counterparty").examined == 1u);
    BOOST_TEST(statsOf(report, "counterparty").unchanged == 0u);

    auto marked = markedObjects(onec, ut11::kCounterparties);
    BOOST_TEST_REQUIRE(marked.count("crmsync:counterparty:" + id) == 1u);
    auto created = marked["crmsync:counterparty:" + id];
    BOOST_TEST(created->getValue<std::string>("Description") == "Ромашка");
    BOOST_TEST(created->getValue<std::string>("НаименованиеПолное") == "ООО \"Ромашка\"");
    BOOST_TEST(created->getValue<std::string>("ЮрФизЛицо") == "ЮрЛицо");
    BOOST_TEST(created->getValue<std::string>("ИНН") == "7701234567");
    BOOST_TEST(created->getValue<std::string>("КПП") == "770101001");
    BOOST_TEST(crmId(db, "counterparty", created->getValue<std::string>("Ref_Key")) == id);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE origin = 'crm' AND op = 'insert' "
                        "AND entity = 'counterparty'") == 1);

    auto again = push(db, onec);
    BOOST_TEST(again.ok);
    BOOST_TEST(statsOf(again, "counterparty").created == 0u);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 4u);
    // The pull reads it back once (its version was not kept) and changes nothing in the CRM.
    long long journal = db.tableRows("journal");
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    BOOST_TEST(db.tableRows("journal") == journal);
}

CRMSYNC_TEST_ON_BOTH(a_crm_change_is_patched_and_a_change_on_both_sides_is_left_to_policy) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    std::string first = crmId(db, "counterparty", ut11::refKey("counterparty", 0));
    std::string second = crmId(db, "counterparty", ut11::refKey("counterparty", 1));
    db.execute("UPDATE counterparty SET name = 'Контрагент 1 (новое имя)' WHERE id = " + first);
    db.execute("UPDATE counterparty SET name = 'Имя из CRM' WHERE id = " + second);
    Poco::JSON::Object in_1c;
    in_1c.set("Description", "Имя из 1С");
    onec.store().update(ut11::kCounterparties, ut11::refKey("counterparty", 1), in_1c);

    auto report = push(db, onec);
    BOOST_TEST(report.ok, report.error);
    BOOST_TEST(statsOf(report, "counterparty").updated == 1u);
    BOOST_TEST(statsOf(report, "counterparty").conflicts == 1u);  // onec-wins keeps 1C's
    auto patched = onec.store().find(ut11::kCounterparties, ut11::refKey("counterparty", 0));
    BOOST_TEST(patched->getValue<std::string>("Description") == "Контрагент 1 (новое имя)");
    BOOST_TEST(patched->getValue<std::string>("ИНН") == "7700000000");  // untouched
    auto kept = onec.store().find(ut11::kCounterparties, ut11::refKey("counterparty", 1));
    BOOST_TEST(kept->getValue<std::string>("Description") == "Имя из 1С");
    BOOST_TEST(db.text("SELECT after FROM journal WHERE origin = 'crm' AND op = 'update'")
                   .value_or("") == R"j({"Description":"Контрагент 1 (новое имя)"})j");
}

CRMSYNC_TEST_ON_BOTH(orders_survive_lost_answers_and_server_errors_and_exist_once_each) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    std::string counterparty = crmId(db, "counterparty", ut11::refKey("counterparty", 2));
    std::string item_a = crmId(db, "product", ut11::refKey("item", 4));
    std::string item_b = crmId(db, "product", ut11::refKey("item", 5));
    constexpr int kOrders = 200;
    for (int n = 1; n <= kOrders; ++n) {
        insertOrder(db, n, counterparty, item_a, item_b);
    }
    onec.faults().drop_after_write_every = 7;  // writes commit, their answers are lost
    onec.faults().fail_every = 5;              // and 20% of all requests answer 500

    auto report = push(db, onec);
    BOOST_TEST_REQUIRE(report.ok, report.error);
    const auto& stats = statsOf(report, "order");
    BOOST_TEST(stats.created + stats.adopted == static_cast<std::size_t>(kOrders));
    BOOST_TEST(stats.adopted > 0u);

    auto marked = markedObjects(onec, ut11::kOrders);
    BOOST_TEST(onec.store().size(ut11::kOrders) == 2u + kOrders);  // the seeded two and ours
    BOOST_TEST(marked.size() == static_cast<std::size_t>(kOrders));
    auto order = marked.begin()->second;
    BOOST_TEST(order->getValue<std::string>("Контрагент_Key") == ut11::refKey("counterparty", 2));
    BOOST_TEST(order->getValue<std::string>("Date") == "2026-05-01T10:00:00");
    BOOST_TEST(order->getValue<bool>("Posted"));
    auto lines = order->getArray("Товары");
    BOOST_TEST_REQUIRE(lines->size() == 2u);
    auto line = lines->getObject(1);
    BOOST_TEST(line->getValue<std::string>("Номенклатура_Key") == ut11::refKey("item", 5));
    BOOST_TEST(line->get("Количество").convert<std::string>() == "1.5");
    BOOST_TEST(line->get("Цена").convert<std::string>() == "10.1");
    BOOST_TEST(line->get("Сумма").convert<std::string>() == "15.15");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'order_line'") ==
               4 + 2 * kOrders);

    // Nothing left to send; the pull then reads the orders back with 1C's numbers and posting,
    // and binds their lines without creating any.
    onec.faults().fail_every = 0;
    onec.faults().drop_after_write_every = 0;
    auto again = push(db, onec);
    BOOST_TEST(statsOf(again, "order").messages == 0u);
    BOOST_TEST(statsOf(again, "order").examined == 0u);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    BOOST_TEST(db.tableRows("order_line") == 4 + 2 * kOrders);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sales_order WHERE posted = 1") == kOrders + 2);
}

CRMSYNC_TEST_ON_BOTH(a_refused_login_stops_the_push_and_changes_nothing) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSucceeds(db, onec));
    db.execute("INSERT INTO counterparty (name, kind, active) VALUES ('Новый', 'person', 1)");
    long long rows = db.totalRows();
    onec.faults().reject_auth = true;
    auto report = push(db, onec);
    BOOST_TEST(!report.ok);
    BOOST_TEST(report.error.find("authentication failed") != std::string::npos, report.error);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 3u);
    BOOST_TEST(db.totalRows() == rows);
    BOOST_TEST(db.text("SELECT status FROM sync_run WHERE kind = 'odata-push'").value_or("") ==
               "failed");
}

BOOST_AUTO_TEST_CASE(the_command_line_push_creates_what_the_crm_made) {
    TestDatabase db(Backend::Sqlite);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    db.execute("INSERT INTO counterparty (name, kind, inn, active) VALUES "
               "('Иванов И. И.', 'person', '500100732259', 1)");
    std::vector<std::string> args = {"odata", "push", "--db", db.url(), "--mapping",
                                     (projectConfig() / "mappings" / "odata-ut11.xml").string(),
                                     "--url", onec.url(), "--user", onec.options().user};
    auto refused = runCrmsync(args, {{"CRMSYNC_ONEC_PASSWORD", "wrong"}});
    BOOST_TEST(refused.code == 1);
    BOOST_TEST(refused.err.find("authentication failed") != std::string::npos, refused.err);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 3u);

    auto pushed = runCrmsync(args, {{"CRMSYNC_ONEC_PASSWORD", onec.options().password}});
    BOOST_TEST_REQUIRE(pushed.code == 0, pushed.err);
    BOOST_TEST(pushed.out.find("counterparty: examined 1, created 1") != std::string::npos,
               pushed.out);
    BOOST_TEST(pushed.err.find(onec.options().password) == std::string::npos);
    auto marked = markedObjects(onec, ut11::kCounterparties);
    BOOST_TEST_REQUIRE(marked.size() == 1u);
    BOOST_TEST(marked.begin()->second->getValue<std::string>("ЮрФизЛицо") == "ФизЛицо");
}

BOOST_AUTO_TEST_SUITE_END()
