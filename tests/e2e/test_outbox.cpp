// The outbox on SQLite and PostgreSQL, with the OData emulator over real HTTP on loopback:
// pushes read what changed, changes to one record fold into one write, 1C's own changes are
// not echoed, a record 1C refuses becomes a dead letter that holds up nothing else, a CRM
// DELETE neither breaks the pull nor goes unnoticed in 1C, and a create whose answer was lost
// is adopted by the pull that runs first after the "crash".
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>

#include "adapters/onec/odata/odata_object_writer.h"
#include "crmcore/error.h"
#include "sync/object_push.h"
#include "sync/outbox_delivery.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

sync::PushReport pushNow(TestDatabase& db, emulator::OdataEmulator& onec,
                         sync::PushOptions options = {}) {
    odata::OdataClient client(odataSettingsFor(onec));
    odata::OdataObjectWriter writer(client);
    options.entities = {"counterparty"};
    return sync::pushToOneC(db.store(), odataSampleMapping(), writer, options);
}

const sync::EntityPushStats& counterparties(const sync::PushReport& report) {
    BOOST_TEST_REQUIRE(report.entities.size() == 1u);
    return report.entities.front();
}

// Failed deliveries are due again at once, and dead after two.
sync::PushOptions impatient() {
    sync::PushOptions options;
    options.delivery.max_attempts = 2;
    options.delivery.backoff = util::RetryPolicy{0, std::chrono::milliseconds(0),
                                                 std::chrono::milliseconds(0), 0.0};
    return options;
}

std::string idOf(TestDatabase& db, int n) {
    return db.text("SELECT crm_id FROM binding WHERE entity = 'counterparty' AND onec_key = '" +
                   ut11::refKey("counterparty", n) + "'").value_or("");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox)

CRMSYNC_TEST_ON_BOTH(a_push_reads_only_what_changed_and_writes_a_record_once) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    auto first = pushNow(db, onec);  // the entity's first push looks at every row once
    BOOST_TEST_REQUIRE(first.ok, first.error);
    BOOST_TEST(counterparties(first).queued_at_start == 3u);
    BOOST_TEST(counterparties(first).updated == 0u);  // what came from 1C is not sent back
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);

    std::string id = idOf(db, 0);
    for (const char* name : {"Первое", "Второе", "Третье"}) {
        db.execute("UPDATE counterparty SET name = '" + std::string(name) + "' WHERE id = " + id);
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox WHERE consumer = 'odata'") == 1);
    BOOST_TEST(db.count("SELECT changes FROM outbox WHERE row_id = " + id) == 3);
    auto report = pushNow(db, onec);
    BOOST_TEST_REQUIRE(report.ok, report.error);
    BOOST_TEST(counterparties(report).examined == 1u);
    BOOST_TEST(counterparties(report).updated == 1u);
    auto in_1c = onec.store().find(ut11::kCounterparties, ut11::refKey("counterparty", 0));
    BOOST_TEST(in_1c->getValue<std::string>("Description") == "Третье");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);

    // 1C's own change comes in through the pull and queues nothing back.
    Poco::JSON::Object change;
    change.set("Description", "Из 1С");
    onec.store().update(ut11::kCounterparties, ut11::refKey("counterparty", 1), change);
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST(db.text("SELECT name FROM counterparty WHERE id = " + idOf(db, 1)).value_or("") ==
               "Из 1С");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);
    BOOST_TEST(counterparties(pushNow(db, onec)).examined == 0u);
}

CRMSYNC_TEST_ON_BOTH(a_record_1c_refuses_becomes_a_dead_letter_and_holds_up_nothing_else) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST_REQUIRE(pushNow(db, onec).ok);
    // "alien" has no 1C legal form: the reverse rules refuse the record.
    db.execute("INSERT INTO counterparty (name, kind, active) VALUES ('Чужой', 'alien', 1)");
    std::string bad = std::to_string(db.count("SELECT MAX(id) FROM counterparty"));
    db.execute("UPDATE counterparty SET name = 'Исправленное' WHERE id = " + idOf(db, 2));

    auto once = pushNow(db, onec, impatient());
    BOOST_TEST(!once.ok);
    BOOST_TEST(counterparties(once).failed == 1u);
    BOOST_TEST(counterparties(once).updated == 1u);  // the other change went through
    BOOST_TEST(db.count("SELECT attempts FROM outbox WHERE row_id = " + bad) == 1);
    auto twice = pushNow(db, onec, impatient());
    BOOST_TEST(counterparties(twice).dead == 1u);
    BOOST_TEST(db.text("SELECT state FROM outbox WHERE row_id = " + bad).value_or("") == "dead");
    BOOST_TEST(db.text("SELECT last_error FROM outbox WHERE row_id = " + bad)
                   .value_or("")
                   .find("alien") != std::string::npos);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE op = 'dead-letter' AND crm_id = " +
                        bad) == 1);
    BOOST_TEST(counterparties(pushNow(db, onec, impatient())).examined == 0u);  // parked

    // A person fixes the record and replays the dead letter: it is created once.
    db.execute("UPDATE counterparty SET kind = 'company' WHERE id = " + bad);
    BOOST_TEST(db.text("SELECT state FROM outbox WHERE row_id = " + bad).value_or("") == "dead");
    std::int64_t message = db.count("SELECT id FROM outbox WHERE row_id = " + bad);
    sync::retryMessage(db.store(), message, "Бухгалтер");
    auto replay = pushNow(db, onec, impatient());
    BOOST_TEST_REQUIRE(replay.ok, replay.error);
    BOOST_TEST(counterparties(replay).created == 1u);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 4u);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE op = 'outbox-retry'") == 1);
    BOOST_CHECK_THROW(sync::dropMessage(db.store(), message, "gone", "x"), Error);
}

CRMSYNC_TEST_ON_BOTH(a_crm_delete_of_a_bound_row_marks_1c_and_never_breaks_the_pull) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST_REQUIRE(pushNow(db, onec).ok);
    std::string id = idOf(db, 2);
    db.execute("DELETE FROM counterparty WHERE id = " + id);
    // 1C re-sends the object unchanged (a delete against a 1C update is a conflict of its
    // own: tests/e2e/test_two_way_sync.cpp).
    BOOST_TEST_REQUIRE(pullSample(db, onec, /*full=*/true).import.ok);
    long long rows = db.tableRows("counterparty");

    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);  // not a failure at every tick
    BOOST_TEST(db.tableRows("counterparty") == rows);    // nor imported again as a new row
    auto report = pushNow(db, onec);
    BOOST_TEST_REQUIRE(report.ok, report.error);
    BOOST_TEST(counterparties(report).deleted == 1u);
    auto in_1c = onec.store().find(ut11::kCounterparties, ut11::refKey("counterparty", 2));
    BOOST_TEST(in_1c->getValue<bool>("DeletionMark"));
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST(db.tableRows("counterparty") == rows);

    // A deactivation reaches 1C as its deletion mark, and a later 1C edit keeps it inactive.
    std::string other = idOf(db, 1);
    db.execute("UPDATE counterparty SET active = 0 WHERE id = " + other);
    BOOST_TEST_REQUIRE(pushNow(db, onec).ok);
    BOOST_TEST(onec.store()
                   .find(ut11::kCounterparties, ut11::refKey("counterparty", 1))
                   ->getValue<bool>("DeletionMark"));
    Poco::JSON::Object change;
    change.set("Description", "Снова из 1С");
    onec.store().update(ut11::kCounterparties, ut11::refKey("counterparty", 1), change);
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST(db.count("SELECT active FROM counterparty WHERE id = " + other) == 0);
}

CRMSYNC_TEST_ON_BOTH(a_create_whose_answer_was_lost_is_adopted_by_the_pull_that_runs_first) {
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST_REQUIRE(pushNow(db, onec).ok);
    db.execute("INSERT INTO counterparty (name, kind, inn, active) VALUES "
               "('Новый', 'company', '7709999999', 1)");
    std::string id = std::to_string(db.count("SELECT MAX(id) FROM counterparty"));
    onec.faults().drop_after_write_next = 1;  // 1C creates it; the answer never arrives
    sync::PushOptions one_try;
    one_try.create_attempts = 1;
    auto crashed = pushNow(db, onec, one_try);
    BOOST_TEST(!crashed.ok);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 4u);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'counterparty' AND "
                        "crm_id = " + id) == 0);

    // The daemon's order of work after a restart: the pull first.
    long long rows = db.tableRows("counterparty");
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);
    BOOST_TEST(db.tableRows("counterparty") == rows);  // adopted, not imported as a second row
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'counterparty' AND "
                        "crm_id = " + id) == 1);
    auto again = pushNow(db, onec);
    BOOST_TEST_REQUIRE(again.ok, again.error);
    BOOST_TEST(counterparties(again).created == 0u);
    BOOST_TEST(onec.store().size(ut11::kCounterparties) == 4u);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM outbox") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
