// The job runner on a ManualClock over a real database (SQLite and PostgreSQL): the runs it
// records, misfire handling, retries, overlap, debounce, and one fire per schedule across two
// runners on one database.
#include <boost/test/unit_test.hpp>

#include "adapters/crmdb/soci_crm_store.h"
#include "crmcore/error.h"
#include "scheduler/fire_time.h"
#include "scheduler/job_runner.h"
#include "tests/scheduler/scheduler_time.h"
#include "tests/support/test_database.h"

using crmsync::test::Backend;
using crmsync::test::TestDatabase;
using crmsync::test::utc;
using namespace std::chrono_literals;
namespace core = crmsync::core;
namespace sch = crmsync::scheduler;

namespace {

sch::JobSpec every5m(sch::Misfire misfire) {
    sch::JobSpec spec;
    spec.name = "prices";
    spec.action = "odata-pull";
    spec.schedule = sch::Schedule::parse("every 5m", "");
    spec.misfire = misfire;
    spec.locks = sch::jobLocks("prices", {"price", "price_type"});
    spec.retry.attempts = 1;
    return spec;
}

sch::RunnerSettings settings(const std::string& instance) {
    sch::RunnerSettings s;
    s.instance = instance;
    s.lease_ttl = 60s;  // database time: longer than any test
    return s;
}

std::vector<core::RunRow> runsOf(core::CrmStore& store, const std::string& job) {
    std::vector<core::RunRow> rows;
    store.jobRuns().list({job, 1000}, [&](const core::RunRow& r) { rows.insert(rows.begin(), r); });
    return rows;  // oldest first
}

// "scheduled_at trigger status attempt" per row, to compare whole histories.
std::vector<std::string> history(core::CrmStore& store, const std::string& job) {
    std::vector<std::string> out;
    for (const auto& r : runsOf(store, job)) {
        out.push_back(r.scheduled_at + " " + r.trigger + " " + r.status + " " +
                      std::to_string(r.attempt));
    }
    return out;
}

void storedFire(core::CrmStore& store, const std::string& job, const std::string& at) {
    auto id = store.jobRuns().start({job, "odata-pull", "earlier", at, "schedule", 1});
    store.jobRuns().finish(id, "succeeded", {}, "");
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(job_runner)

CRMSYNC_TEST_ON_BOTH(misfire_run_once_catches_up_once_after_a_downtime) {
    TestDatabase db(backend);
    storedFire(db.store(), "prices", "2026-03-01T10:00:00.000Z");
    sch::ManualClock clock(utc("2026-03-01T11:02:00Z"));  // down for 12 fires
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    std::vector<std::string> ran_at;
    runner.add(every5m(sch::Misfire::RunOnce), [&](const sch::JobContext& c) {
        ran_at.push_back(crmsync::test::utcText(clock.now()));
        BOOST_TEST(c.fence.holder == "host-a:1");
        BOOST_TEST(c.fence.claims.size() == 3u);
        return sch::JobOutcome{};
    });
    runner.runUntil("prices", utc("2026-03-01T11:06:00Z"));
    BOOST_TEST(ran_at == (Strings{"2026-03-01T11:02:00Z", "2026-03-01T11:05:00Z"}),
               boost::test_tools::per_element());
    BOOST_TEST(history(db.store(), "prices") ==
                   (Strings{"2026-03-01T10:00:00.000Z schedule succeeded 1",
                            "2026-03-01T11:00:00.000Z misfire succeeded 1",
                            "2026-03-01T11:05:00.000Z schedule succeeded 1"}),
               boost::test_tools::per_element());
    // Every lease was released at the end of its run.
    BOOST_TEST(db.store().leases().find("job:prices")->holder == "");
}

CRMSYNC_TEST_ON_BOTH(misfire_skip_records_the_missed_fire_and_waits_for_the_next) {
    TestDatabase db(backend);
    storedFire(db.store(), "prices", "2026-03-01T10:00:00.000Z");
    sch::ManualClock clock(utc("2026-03-01T11:02:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    int runs = 0;
    runner.add(every5m(sch::Misfire::Skip), [&](const sch::JobContext&) {
        ++runs;
        return sch::JobOutcome{};
    });
    runner.runUntil("prices", utc("2026-03-01T11:06:00Z"));
    BOOST_TEST(runs == 1);
    auto rows = runsOf(db.store(), "prices");
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[1].status == "skipped");
    BOOST_TEST(rows[1].scheduled_at == "2026-03-01T11:00:00.000Z");
    BOOST_TEST(rows[1].error ==
               "12 fire(s) missed since 2026-03-01T10:00:00.000Z, the latest at "
               "2026-03-01T11:00:00.000Z (misfire = skip)");
    BOOST_TEST(rows[2].scheduled_at == "2026-03-01T11:05:00.000Z");
    BOOST_TEST(rows[2].status == "succeeded");
}

CRMSYNC_TEST_ON_BOTH(a_failing_run_retries_with_capped_exponential_backoff) {
    TestDatabase db(backend);
    sch::ManualClock clock(utc("2026-03-01T10:01:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    auto spec = every5m(sch::Misfire::Skip);
    spec.retry.attempts = 5;
    spec.retry.base_delay = 1s;
    spec.retry.max_delay = 5s;
    spec.retry.jitter = 0;  // exact delays; full jitter draws each from [0, this]
    std::vector<sch::TimePoint> tries;
    runner.add(spec, [&](const sch::JobContext&) -> sch::JobOutcome {
        tries.push_back(clock.now());
        throw crmsync::ExternalUnavailable("1C OData: connection refused");
    });
    runner.runUntil("prices", utc("2026-03-01T10:05:30Z"));
    BOOST_REQUIRE(tries.size() == 5u);
    std::vector<long long> gaps;
    for (std::size_t i = 1; i < tries.size(); ++i) {
        gaps.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(tries[i] - tries[i - 1])
                           .count());
    }
    BOOST_TEST(gaps == (std::vector<long long>{1000, 2000, 4000, 5000}),
               boost::test_tools::per_element());
    BOOST_TEST(history(db.store(), "prices") ==
                   (Strings{"2026-03-01T10:05:00.000Z schedule failed 1",
                            "2026-03-01T10:05:00.000Z retry failed 2",
                            "2026-03-01T10:05:00.000Z retry failed 3",
                            "2026-03-01T10:05:00.000Z retry failed 4",
                            "2026-03-01T10:05:00.000Z retry failed 5"}),
               boost::test_tools::per_element());
    BOOST_TEST(runsOf(db.store(), "prices").back().error == "1C OData: connection refused");
}

CRMSYNC_TEST_ON_BOTH(full_jitter_keeps_every_delay_within_its_cap) {
    TestDatabase db(backend);
    sch::ManualClock clock(utc("2026-03-01T10:01:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    auto spec = every5m(sch::Misfire::Skip);
    spec.retry = {6, 1s, 4s, 1.0};
    std::vector<sch::TimePoint> tries;
    runner.add(spec, [&](const sch::JobContext&) {
        tries.push_back(clock.now());
        return sch::JobOutcome{false, {}, "refused"};
    });
    runner.runUntil("prices", utc("2026-03-01T10:05:30Z"));
    BOOST_REQUIRE(tries.size() == 6u);
    const long long caps[] = {1000, 2000, 4000, 4000, 4000};
    for (std::size_t i = 1; i < tries.size(); ++i) {
        auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(tries[i] - tries[i - 1]);
        BOOST_TEST(gap.count() >= 0);
        BOOST_TEST(gap.count() <= caps[i - 1]);
    }
}

CRMSYNC_TEST_ON_BOTH(a_run_that_outlasts_its_interval_never_overlaps_the_next) {
    TestDatabase db(backend);
    sch::ManualClock clock(utc("2026-03-01T10:00:30Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    auto spec = every5m(sch::Misfire::RunOnce);
    spec.schedule = sch::Schedule::parse("every 1m", "");
    int running = 0;
    int max_running = 0;
    int calls = 0;
    runner.add(spec, [&](const sch::JobContext&) {
        ++running;
        max_running = std::max(max_running, running);
        if (++calls == 1) {
            clock.advance(150s);  // the first run lasts 2.5 intervals
        }
        --running;
        return sch::JobOutcome{};
    });
    runner.runUntil("prices", utc("2026-03-01T10:04:10Z"));
    BOOST_TEST(max_running == 1);
    BOOST_TEST(history(db.store(), "prices") ==
                   (Strings{"2026-03-01T10:01:00.000Z schedule succeeded 1",
                            "2026-03-01T10:03:00.000Z misfire succeeded 1",
                            "2026-03-01T10:04:00.000Z schedule succeeded 1"}),
               boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(a_burst_of_triggers_is_debounced_into_one_run) {
    TestDatabase db(backend);
    sch::ManualClock clock(utc("2026-03-01T10:00:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    auto spec = every5m(sch::Misfire::RunOnce);
    spec.schedule.reset();  // real-time only
    spec.debounce = 2s;
    std::vector<std::string> ran_at;
    runner.add(spec, [&](const sch::JobContext&) {
        ran_at.push_back(crmsync::test::utcText(clock.now()));
        return sch::JobOutcome{};
    });
    BOOST_TEST(!runner.trigger("nonesuch"));
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(runner.trigger("prices", core::kTriggerChange));
    }
    runner.runUntil("prices", utc("2026-03-01T10:01:00Z"));
    BOOST_TEST(ran_at == (Strings{"2026-03-01T10:00:02Z"}), boost::test_tools::per_element());
    auto rows = runsOf(db.store(), "prices");
    BOOST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(rows[0].trigger == "crm-change");
    BOOST_TEST(runner.trigger("prices"));
    runner.runUntil("prices", utc("2026-03-01T10:02:00Z"));
    BOOST_TEST(ran_at.size() == 2u);
    BOOST_TEST(runsOf(db.store(), "prices").back().trigger == "manual");
}

CRMSYNC_TEST_ON_BOTH(changes_during_a_run_are_one_more_run_after_it_never_lost) {
    TestDatabase db(backend);
    sch::ManualClock clock(utc("2026-03-01T10:00:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    auto spec = every5m(sch::Misfire::RunOnce);
    spec.schedule.reset();  // real-time only
    spec.debounce = 2s;
    std::vector<std::string> ran_at;
    runner.add(spec, [&](const sch::JobContext&) {
        ran_at.push_back(crmsync::test::utcText(clock.now()));
        if (ran_at.size() == 1) {
            // The run lasts 3 s and the CRM changes twice meanwhile: what the run read may
            // predate them, so they must make a run of their own.
            clock.advance(1s);
            BOOST_TEST(runner.trigger("prices", core::kTriggerChange));
            clock.advance(2s);
            BOOST_TEST(runner.trigger("prices", core::kTriggerChange));
        }
        return sch::JobOutcome{};
    });
    BOOST_TEST(runner.trigger("prices", core::kTriggerChange));
    runner.runUntil("prices", utc("2026-03-01T10:01:00Z"));
    // The first a window after the first change; the two during the run, folded into one, a
    // window after the run ended; then nothing more.
    BOOST_TEST(ran_at == (Strings{"2026-03-01T10:00:02Z", "2026-03-01T10:00:07Z"}),
               boost::test_tools::per_element());
    BOOST_TEST(history(db.store(), "prices") ==
                   (Strings{"2026-03-01T10:00:02.000Z crm-change succeeded 1",
                            "2026-03-01T10:00:07.000Z crm-change succeeded 1"}),
               boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(two_runners_on_one_database_run_each_fire_once) {
    TestDatabase db(backend);
    auto other_store = crmsync::crmdb::SociCrmStore::open(db.url());
    sch::ManualClock clock_a(utc("2026-03-01T10:00:30Z"));
    sch::ManualClock clock_b(utc("2026-03-01T10:00:30Z"));
    sch::JobRunner a(clock_a, db.store(), settings("host-a:1"));
    sch::JobRunner b(clock_b, *other_store, settings("host-b:2"));
    int runs_a = 0;
    int runs_b = 0;
    a.add(every5m(sch::Misfire::RunOnce), [&](const sch::JobContext&) {
        ++runs_a;
        return sch::JobOutcome{};
    });
    b.add(every5m(sch::Misfire::RunOnce), [&](const sch::JobContext&) {
        ++runs_b;
        return sch::JobOutcome{};
    });
    a.runUntil("prices", utc("2026-03-01T10:11:00Z"));
    b.runUntil("prices", utc("2026-03-01T10:11:00Z"));
    BOOST_TEST(runs_a == 2);
    BOOST_TEST(runs_b == 0);
    BOOST_TEST(history(db.store(), "prices") ==
                   (Strings{"2026-03-01T10:05:00.000Z schedule succeeded 1",
                            "2026-03-01T10:10:00.000Z schedule succeeded 1"}),
               boost::test_tools::per_element());
}

CRMSYNC_TEST_ON_BOTH(a_run_left_running_by_a_dead_holder_is_taken_over) {
    TestDatabase db(backend);
    // host-dead started the 10:05 fire, then died: its lease expired (ttl 0).
    for (const auto& lock : sch::jobLocks("prices", {"price", "price_type"})) {
        BOOST_REQUIRE(db.store().leases().acquire(lock, "host-dead:9", 0ms).has_value());
    }
    db.store().jobRuns().start(
        {"prices", "odata-pull", "host-dead:9", "2026-03-01T10:05:00.000Z", "schedule", 1});
    sch::ManualClock clock(utc("2026-03-01T10:05:00.500Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-b:2"));
    std::int64_t epoch = 0;
    runner.add(every5m(sch::Misfire::RunOnce), [&](const sch::JobContext& c) {
        for (const auto& claim : c.fence.claims) {
            if (claim.lock == "job:prices") {
                epoch = claim.epoch;
            }
        }
        return sch::JobOutcome{};
    });
    auto row = runner.runNow("prices");
    BOOST_REQUIRE(row.has_value());
    BOOST_TEST(epoch == 2);
    // runNow's own fire is a manual one; the dead holder's fire is taken over by the loop.
    runner.runUntil("prices", utc("2026-03-01T10:06:00Z"));
    auto rows = runsOf(db.store(), "prices");
    BOOST_REQUIRE(rows.size() >= 2u);
    BOOST_TEST(rows[0].status == "abandoned");
    BOOST_TEST(rows[0].error ==
               "instance host-dead:9 stopped renewing its lease; taken over by host-b:2");
    bool taken_over = false;
    for (const auto& r : rows) {
        if (r.trigger == "takeover") {
            taken_over = true;
            BOOST_TEST(r.scheduled_at == "2026-03-01T10:05:00.000Z");
            BOOST_TEST(r.attempt == 2);
            BOOST_TEST(r.status == "succeeded");
            BOOST_TEST(r.instance == "host-b:2");
        }
    }
    BOOST_TEST(taken_over);
}

BOOST_AUTO_TEST_CASE(unknown_jobs_are_named_with_the_known_ones) {
    TestDatabase db(Backend::Sqlite);
    sch::ManualClock clock(utc("2026-03-01T10:00:00Z"));
    sch::JobRunner runner(clock, db.store(), settings("host-a:1"));
    runner.add(every5m(sch::Misfire::Skip), [](const sch::JobContext&) { return sch::JobOutcome{}; });
    BOOST_CHECK_EXCEPTION(runner.runNow("stock"), crmsync::Error, [](const crmsync::Error& e) {
        return std::string(e.what()) == "no job named stock (jobs: prices)";
    });
    BOOST_TEST(sch::jobLocks("prices", {"price", "price", "stock"}) ==
                   (Strings{"entity:price", "entity:stock", "job:prices"}),
               boost::test_tools::per_element());
    auto fires = runner.nextFires("prices", utc("2026-03-01T10:00:00Z"), 2);
    BOOST_REQUIRE(fires.size() == 2u);
    BOOST_TEST(sch::fireText(fires[1]) == "2026-03-01T10:10:00.000Z");
    BOOST_TEST((sch::parseFireText("2026-03-01T10:10:00.000Z") == fires[1]));
}

BOOST_AUTO_TEST_SUITE_END()
