// A daemon whose push job runs on CRM changes only (`on = crm-change(order)`, no schedule):
// an order inserted, then updated, in the CRM database by plain SQL, as the CRM application
// would, reaches the emulated 1C within seconds, on SQLite (the change log is polled) and
// PostgreSQL (LISTEN/NOTIFY). Each delivery is a job run with trigger crm-change.
#define BOOST_TEST_MODULE e2e_crm_change_jobs
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <Poco/Thread.h>

#include "tests/e2e/child_process.h"
#include "tests/e2e/odata_harness.h"
#include "tests/emulator/ut11_infobase.h"

using namespace crmsync;
using namespace crmsync::test;
namespace ut11 = crmsync::emulator::ut11;

namespace {

// Polls `done` for up to `seconds`: the daemon is another process, there is nothing to wait on.
template <typename Condition>
bool within(int seconds, Condition done) {
    for (int attempt = 0; attempt < seconds * 50; ++attempt) {
        if (done()) {
            return true;
        }
        Poco::Thread::sleep(20);
    }
    return done();
}

std::string crmId(TestDatabase& db, const std::string& entity, const std::string& key) {
    return db.text("SELECT crm_id FROM binding WHERE entity = '" + entity + "' AND onec_key = '" +
                   key + "'").value_or("");
}

// The 1C orders whose Date is `date`.
std::size_t ordersDated(emulator::OdataEmulator& onec, const std::string& date) {
    std::size_t n = 0;
    for (const auto& order : onec.store().select(ut11::kOrders, {})) {
        n += order->optValue<std::string>("Date", "") == date ? 1 : 0;
    }
    return n;
}

std::unique_ptr<ChildProcess> serveWithPushOnChange(const TempDir& tmp, TestDatabase& db,
                                                    emulator::OdataEmulator& onec) {
    writeFile(tmp / "crmsync.ini",
              "[database]\nurl = " + db.url() +
                  "\n[drop_folder]\nenabled = false\n[exchange]\nenabled = false\n"
                  "[http]\nlisten = 127.0.0.1:" + std::to_string(freeLoopbackPort()) +
                  "\n[odata]\nenabled = false\nurl = " + onec.url() + "\nuser = " +
                  onec.options().user + "\nmapping = " +
                  (projectConfig() / "mappings" / "odata-ut11.xml").string() +
                  "\n[job.orders]\naction = odata-push\nentities = order\n"
                  "on = crm-change(order, order_line)\ndebounce = 100ms\n");
    return std::make_unique<ChildProcess>(
        CRMSYNC_BINARY, std::vector<std::string>{"serve", "--config",
                                                 (tmp / "crmsync.ini").string()},
        Poco::Process::Env{{"CRMSYNC_ONEC_PASSWORD", onec.options().password}});
}

long long changeRuns(TestDatabase& db, const std::string& status) {
    return db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'orders' AND run_trigger = "
                    "'crm-change' AND status = '" + status + "'");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crm_change_jobs)

CRMSYNC_TEST_ON_BOTH(an_order_changed_in_the_crm_reaches_1c_within_seconds) {
    TempDir tmp;
    TestDatabase db(backend);
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    BOOST_TEST_REQUIRE(pullSample(db, onec).import.ok);  // counterparties and items bound
    const std::string counterparty = crmId(db, "counterparty", ut11::refKey("counterparty", 2));
    const std::string item = crmId(db, "product", ut11::refKey("item", 4));
    auto daemon = serveWithPushOnChange(tmp, db, onec);
    // The catch-up run at start (nothing was listening before) routes the order outbox.
    if (!within(20, [&] { return changeRuns(db, "succeeded") >= 1; })) {
        daemon->stop(SIGTERM, std::chrono::seconds(20));
        BOOST_FAIL("no catch-up run at start: " << daemon->err());
    }
    const long long runs_at_start = changeRuns(db, "succeeded");
    const std::size_t orders_before = onec.store().size(ut11::kOrders);

    db.execute("INSERT INTO sales_order (number, ordered_at, counterparty_id, active) VALUES "
               "('CRM-RT-1', '2026-07-01T09:30:00', " + counterparty + ", 1)");
    const std::string order = std::to_string(db.count("SELECT MAX(id) FROM sales_order"));
    db.execute("INSERT INTO order_line (order_id, line_no, product_id, quantity, price, amount, "
               "active) VALUES (" + order + ", 1, " + item + ", 2, 104.01, 208.02, 1)");
    BOOST_TEST_REQUIRE(within(5, [&] { return ordersDated(onec, "2026-07-01T09:30:00") == 1; }),
                       daemon->err());
    BOOST_TEST(onec.store().size(ut11::kOrders) == orders_before + 1);

    db.execute("UPDATE sales_order SET ordered_at = '2026-07-02T14:00:00' WHERE id = " + order);
    BOOST_TEST_REQUIRE(within(5, [&] { return ordersDated(onec, "2026-07-02T14:00:00") == 1; }),
                       daemon->err());
    BOOST_TEST(ordersDated(onec, "2026-07-01T09:30:00") == 0u);  // the same 1C object, updated
    BOOST_TEST(onec.store().size(ut11::kOrders) == orders_before + 1);

    BOOST_TEST(daemon->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0, daemon->err());
    // Runs on changes only (no schedule), each one a run row of its own, none failed.
    BOOST_TEST(changeRuns(db, "succeeded") >= runs_at_start + 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'orders' AND (status <> "
                        "'succeeded' OR run_trigger <> 'crm-change')") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM job_lease WHERE holder <> ''") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
