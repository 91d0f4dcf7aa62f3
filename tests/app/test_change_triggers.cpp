// `on = crm-change(...)`: a signal of the change listener wakes exactly the jobs watching the
// table changed (entities and table names both accepted), the catch-up signal wakes every job
// with a crm-change trigger, and a job's run is a crm-change run row of the runner (ManualClock,
// real database). An unknown name in `on` is a config error naming the job and key.
#define BOOST_TEST_MODULE app
#include <boost/test/unit_test.hpp>

#include "app/change_triggers.h"
#include "app/configured_jobs.h"
#include "crmcore/error.h"
#include "crmcore/job_runs.h"
#include "scheduler/fire_time.h"
#include "scheduler/job_runner.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
using namespace std::chrono_literals;

namespace {

// Stands in for LISTEN/NOTIFY: the test sends the signals.
class ManualListener final : public core::CrmChangeListener {
public:
    explicit ManualListener(core::CrmChangeListener::OnChange* hook) : hook_(hook) {}
    void start(OnChange on_change) override { *hook_ = std::move(on_change); }
    void stop() override {}

private:
    OnChange* hook_;
};

config::JobConfig job(const std::string& name, std::vector<std::string> on) {
    config::JobConfig j;
    j.name = name;
    j.action = "retention";
    j.on_crm_change = std::move(on);
    j.debounce = 0ms;
    j.retry_attempts = 1;
    return j;
}

scheduler::TimePoint at(const std::string& text) {
    return *scheduler::parseFireText(text);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(change_triggers)

CRMSYNC_TEST_ON_BOTH(a_change_wakes_the_jobs_watching_its_table_and_catch_up_wakes_all) {
    TestDatabase db(backend);
    config::DaemonConfig cfg;
    cfg.database.url = db.url();
    cfg.jobs.jobs = {job("orders", {"order", "order_line"}), job("prices", {"price"}),
                     job("nightly", {})};
    scheduler::ManualClock clock(at("2026-03-01T10:00:00.000Z"));
    scheduler::JobRunner runner(clock, db.store(), {"host-a:1", 60s, 1s});
    std::map<std::string, int> runs;
    for (auto& spec : app::jobSpecs(cfg)) {
        const std::string name = spec.name;
        runner.add(spec, [&runs, name](const scheduler::JobContext&) {
            ++runs[name];
            return scheduler::JobOutcome{};
        });
    }
    core::CrmChangeListener::OnChange signal;
    app::ChangeTriggers triggers(cfg, runner, std::make_unique<ManualListener>(&signal));
    BOOST_TEST(!triggers.empty());
    triggers.start();
    BOOST_TEST_REQUIRE(static_cast<bool>(signal));
    // Runs what the signals asked for, then moves the clock on: a triggered run's fire time is
    // the clock's, and a second run at the same millisecond would be the same fire.
    const auto drain = [&](const std::string& until) {
        for (const std::string name : {"orders", "prices", "nightly"}) {
            runner.runUntil(name, at(until));
        }
        clock.set(at(until));
    };

    signal("order_line");  // the table of entity order_line
    signal("counterparty");  // nobody watches it
    drain("2026-03-01T10:01:00.000Z");
    BOOST_TEST(runs == (std::map<std::string, int>{{"orders", 1}}));

    signal("sales_order");  // entity "order" is table sales_order
    signal("price");
    drain("2026-03-01T10:02:00.000Z");
    BOOST_TEST(runs == (std::map<std::string, int>{{"orders", 2}, {"prices", 1}}));

    signal(core::kAnyCrmTable);  // connected again: changes may have been missed
    drain("2026-03-01T10:03:00.000Z");
    BOOST_TEST(runs == (std::map<std::string, int>{{"orders", 3}, {"prices", 2}}));
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'orders' AND run_trigger = "
                        "'crm-change' AND status = 'succeeded'") == 3);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'nightly'") == 0);
    triggers.stop();
}

BOOST_AUTO_TEST_CASE(an_unknown_table_in_on_names_the_job_and_the_key) {
    auto bad = job("orders", {"order", "orders"});
    try {
        app::crmChangeTables(bad);
        BOOST_FAIL("accepted crm-change(orders)");
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("job.orders.on: crm-change(orders)") != std::string::npos,
                   message);
        BOOST_TEST(message.find("sales_order") == std::string::npos);  // lists entities
    }
    BOOST_TEST(app::crmChangeTables(job("x", {"sales_order", "order_line"})) ==
                   (std::vector<std::string>{"sales_order", "order_line"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
