#include <boost/test/unit_test.hpp>

#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using namespace std::chrono_literals;
namespace core = crmsync::core;

namespace {

core::JobRunStart fire(const std::string& job, const std::string& at,
                       const std::string& trigger = core::kTriggerSchedule) {
    return {job, "odata-pull", "host-a:1", at, trigger, 1};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job_runs)

CRMSYNC_TEST_ON_BOTH(job_runs_are_rows_with_counts_and_their_fire) {
    CrmdbTarget db(backend);
    auto& runs = db.store().jobRuns();
    BOOST_TEST(!runs.lastFire("prices").has_value());
    auto id = runs.start(fire("prices", "2026-03-01T02:00:00.000Z"));
    core::RunCounts counts;
    counts.read = 10;
    counts.inserted = 3;
    counts.conflicts = 2;
    counts.dead_letters = 1;
    runs.finish(id, "succeeded", counts, "");
    runs.record(fire("prices", "2026-03-02T02:00:00.000Z", core::kTriggerMisfire),
                core::kStatusSkipped, "missed while down (misfire = skip)");
    runs.start(fire("stock", "2026-03-05T00:00:00.000Z"));
    BOOST_TEST((runs.lastFire("prices") == std::optional<std::string>("2026-03-02T02:00:00.000Z")));

    auto rows = runs.forFire("prices", "2026-03-01T02:00:00.000Z");
    BOOST_REQUIRE(rows.size() == 1u);
    const auto& r = rows.front();
    BOOST_TEST(r.id == id);
    BOOST_TEST(r.job == "prices");
    BOOST_TEST(r.kind == "odata-pull");
    BOOST_TEST(r.instance == "host-a:1");
    BOOST_TEST(r.trigger == "schedule");
    BOOST_TEST(r.status == "succeeded");
    BOOST_TEST(r.attempt == 1);
    BOOST_TEST((r.counts == counts));
    BOOST_TEST(!r.finished_at.empty());

    std::vector<std::string> listed;
    runs.list({"prices", 10}, [&](const core::RunRow& row) { listed.push_back(row.status); });
    BOOST_TEST(listed == (std::vector<std::string>{"skipped", "succeeded"}),
               boost::test_tools::per_element());
    int all = 0;
    runs.list({"", 10}, [&](const core::RunRow&) { ++all; });
    BOOST_TEST(all == 3);
}

CRMSYNC_TEST_ON_BOTH(purge_keeps_failures_longer_than_successes) {
    CrmdbTarget db(backend);
    auto& runs = db.store().jobRuns();
    auto ok = runs.start(fire("prices", "2026-03-01T02:00:00.000Z"));
    runs.finish(ok, "succeeded", {}, "");
    auto bad = runs.start(fire("prices", "2026-03-02T02:00:00.000Z"));
    runs.finish(bad, "failed", {}, "1C down");
    runs.start(fire("prices", "2026-03-03T02:00:00.000Z"));  // still running: never purged
    auto import_run = db.store().runs().start("import", "import.xml");
    db.store().runs().finish(import_run, "succeeded", {}, "");
    db.sql() << "UPDATE sync_run SET finished_at = " +
                    std::string(backend == Backend::Sqlite
                                    ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-10 days')"
                                    : "(now() AT TIME ZONE 'utc') - interval '10 days'") +
                    " WHERE finished_at IS NOT NULL";
    BOOST_TEST(runs.purge(24h * 7, 24h * 30) == 1);  // the success only
    BOOST_TEST(runs.purge(24h * 7, 24h * 9) == 1);   // now the failure too
    // The running job row and the import run (job '') stay.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
