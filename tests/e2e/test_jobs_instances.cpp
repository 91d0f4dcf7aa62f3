// Two real `crmsync serve` processes on one PostgreSQL database, sharing [job.NAME] sections:
// every scheduled fire runs once; after kill -9 of the instance holding a job's lease the other
// takes the job over within the lease's TTL; an instance paused (SIGSTOP) past its TTL and
// woken (SIGCONT) commits nothing, and nothing is lost or done twice.
#define BOOST_TEST_MODULE e2e_jobs
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <map>
#include <memory>

#include <Poco/Thread.h>

#include "tests/e2e/child_process.h"
#include "tests/support/synthetic_catalog.h"
#include "tests/support/test_database.h"

using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

constexpr int kTtlSeconds = 3;

template <typename Condition>
bool eventually(Condition done, int seconds = 60) {
    for (int attempt = 0; attempt < seconds * 20; ++attempt) {
        if (done()) {
            return true;
        }
        Poco::Thread::sleep(50);
    }
    return done();
}

// One instance's config: its own HTTP port, the shared database, drop folder and jobs.
// `drop_loop`: the default [drop_folder] loop polls the folder every second, beside the jobs.
fs::path writeConfig(const TempDir& tmp, const std::string& name, const std::string& db_url,
                     const std::string& jobs, bool drop_loop = false) {
    fs::path file = tmp / (name + ".ini");
    writeFile(file, "[database]\nurl = " + db_url + "\n[drop_folder]\nenabled = " +
                        (drop_loop ? "true\npoll_seconds = 1" : "false") +
                        "\npath = " + (tmp / "drop").string() +
                        "\n[exchange]\nenabled = false\n[http]\nlisten = 127.0.0.1:" +
                        std::to_string(freeLoopbackPort()) + "\n[import]\nbatch_size = 100\n"
                        "[jobs]\nlease_ttl = " + std::to_string(kTtlSeconds) + "s\n" + jobs);
    return file;
}

std::unique_ptr<ChildProcess> serve(const fs::path& config) {
    return std::make_unique<ChildProcess>(CRMSYNC_BINARY,
                                          std::vector<std::string>{"serve", "--config",
                                                                   config.string()});
}

// The pid in the lease holder's name ("host:pid"), 0 when nobody holds it.
int holderPid(TestDatabase& db, const std::string& lock) {
    auto holder = db.text("SELECT holder FROM job_lease WHERE lock_name = '" + lock +
                          "' AND expires_at > (now() AT TIME ZONE 'utc')");
    if (!holder || holder->empty()) {
        return 0;
    }
    return std::stoi(holder->substr(holder->rfind(':') + 1));
}

// The files moved into `folder` whose name ends in `name`: the drop folder prefixes each with
// the UTC time it was moved (20261203T082924Z-import.xml), so repeated uploads never clash.
int filesNamed(const fs::path& folder, const std::string& name) {
    int n = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string file = entry.path().filename().string();
        n += file.size() > name.size() && file.compare(file.size() - name.size(), name.size(),
                                                       name) == 0 ? 1 : 0;
    }
    return n;
}

const char* kImportJob = "[job.files]\naction = drop-folder\nentities = product, product_group, "
                         "unit\nschedule = every 1s\n";

constexpr int kProducts = 6000;

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs_instances, *boost::unit_test::label("postgres") *
                                          boost::unit_test::precondition(postgresPresent))

BOOST_AUTO_TEST_CASE(two_instances_run_every_scheduled_fire_exactly_once) {
    TempDir tmp;
    TestDatabase db(Backend::Postgres);
    const std::string jobs = "[job.tick]\naction = retention\nschedule = every 1s\n";
    auto a = serve(writeConfig(tmp, "a", db.url(), jobs));
    auto b = serve(writeConfig(tmp, "b", db.url(), jobs));
    BOOST_REQUIRE(eventually([&] {
        return db.count("SELECT COUNT(DISTINCT scheduled_at) FROM sync_run WHERE job = 'tick'") >=
               8;
    }));
    BOOST_TEST(a->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0, a->err());
    BOOST_TEST(b->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0, b->err());
    // Once each: no fire has two rows, every row succeeded.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM (SELECT scheduled_at FROM sync_run WHERE job = "
                        "'tick' GROUP BY scheduled_at HAVING COUNT(*) > 1) AS twice") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'tick' AND status <> "
                        "'succeeded'") == 0);
    // None lost: the fires form an unbroken series of seconds.
    BOOST_TEST(db.count("SELECT COUNT(*) - 1 - EXTRACT(EPOCH FROM MAX(scheduled_at) - "
                        "MIN(scheduled_at))::bigint FROM sync_run WHERE job = 'tick'") == 0);
    // Both instances took part, and a graceful stop released the lease.
    BOOST_TEST(db.count("SELECT COUNT(DISTINCT instance) FROM sync_run WHERE job = 'tick'") == 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM job_lease WHERE holder <> ''") == 0);
}

BOOST_AUTO_TEST_CASE(kill_9_of_the_holder_hands_the_job_over_within_the_ttl) {
    TempDir tmp;
    TestDatabase db(Backend::Postgres);
    fs::create_directories(tmp / "drop");
    std::map<int, std::unique_ptr<ChildProcess>> daemons;
    for (const char* name : {"a", "b"}) {
        auto child = serve(writeConfig(tmp, name, db.url(), kImportJob));
        int pid = child->pid();
        daemons.emplace(pid, std::move(child));
    }
    writeSyntheticCatalog(tmp / "drop" / "import.xml", kProducts);
    // Kill whoever holds the job once its import has committed some batches.
    BOOST_REQUIRE(eventually([&] { return db.tableRows("product") > 500; }));
    int holder = holderPid(db, "job:files");
    BOOST_REQUIRE(daemons.count(holder) == 1);
    auto killed_at = db.text("SELECT to_char(now() AT TIME ZONE 'utc', "
                             "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");
    BOOST_TEST(daemons[holder]->stop(SIGKILL, std::chrono::seconds(10)).value_or(-1) ==
               256 + SIGKILL);
    BOOST_REQUIRE(eventually([&] {
        return db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND run_trigger = "
                        "'takeover'") == 1;
    }));
    // Taken over within the TTL (plus the survivor's poll of a busy lease, TTL/10).
    auto delay_ms = db.count("SELECT (EXTRACT(EPOCH FROM started_at - TIMESTAMP '" +
                             killed_at->substr(0, 23) + "') * 1000)::bigint FROM sync_run "
                             "WHERE job = 'files' AND run_trigger = 'takeover'");
    BOOST_TEST_MESSAGE("takeover " << delay_ms << " ms after kill -9");
    BOOST_TEST(delay_ms <= kTtlSeconds * 1000 + kTtlSeconds * 100 + 300);
    BOOST_REQUIRE(eventually([&] {
        return filesNamed(tmp / "drop" / "done", "-import.xml") == 1;
    }));
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND status = "
                        "'abandoned' AND instance LIKE '%:" + std::to_string(holder) + "'") == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND run_trigger = "
                        "'takeover' AND status = 'succeeded'") == 1);
    // Nothing lost, nothing twice.
    BOOST_TEST(db.tableRows("product") == kProducts);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE entity = 'product' AND op = "
                        "'insert'") == kProducts);
    for (auto& [pid, child] : daemons) {
        if (pid != holder) {
            BOOST_TEST(child->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0,
                       child->err());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_paused_holder_that_lost_its_lease_commits_nothing_when_woken) {
    TempDir tmp;
    TestDatabase db(Backend::Postgres);
    fs::create_directories(tmp / "drop");
    std::map<int, std::unique_ptr<ChildProcess>> daemons;
    for (const char* name : {"a", "b"}) {
        auto child = serve(writeConfig(tmp, name, db.url(), kImportJob));
        int pid = child->pid();
        daemons.emplace(pid, std::move(child));
    }
    writeSyntheticCatalog(tmp / "drop" / "import.xml", kProducts);
    BOOST_REQUIRE(eventually([&] { return db.tableRows("product") > 500; }));
    int holder = holderPid(db, "job:files");
    BOOST_REQUIRE(daemons.count(holder) == 1);
    daemons[holder]->signal(SIGSTOP);
    // The paused instance's import run: the only import run (job '') started so far.
    auto paused_run = db.count("SELECT MIN(id) FROM sync_run WHERE job = '' AND kind = "
                               "'drop-folder'");
    BOOST_REQUIRE(eventually([&] {
        return db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND run_trigger = "
                        "'takeover'") == 1;
    }));
    const auto journal_rows = [&] {
        return db.count("SELECT COUNT(*) FROM journal WHERE run_id = " +
                        std::to_string(paused_run));
    };
    const long long before_wake = journal_rows();
    daemons[holder]->signal(SIGCONT);
    // Woken, it finds its lease gone: its run is abandoned and it writes no journal row,
    // product or binding of its import any more.
    BOOST_REQUIRE(eventually([&] {
        return db.count("SELECT COUNT(*) FROM sync_run WHERE id = " + std::to_string(paused_run) +
                        " AND status <> 'running'") == 1;
    }));
    BOOST_REQUIRE(eventually([&] {
        return filesNamed(tmp / "drop" / "done", "-import.xml") == 1;
    }));
    BOOST_REQUIRE(eventually([&] {
        return db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND run_trigger = "
                        "'takeover' AND status = 'succeeded'") == 1;
    }));
    BOOST_TEST(journal_rows() == before_wake);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE job = 'files' AND status = "
                        "'abandoned' AND instance LIKE '%:" + std::to_string(holder) + "'") == 1);
    BOOST_TEST(filesNamed(tmp / "drop" / "failed", "import.xml") == 0);
    BOOST_TEST(db.tableRows("product") == kProducts);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM journal WHERE entity = 'product' AND op = "
                        "'insert'") == kProducts);
    for (auto& [pid, child] : daemons) {
        BOOST_TEST(child->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0,
                   child->err());
    }
}

// The default drop-folder loop of two instances sharing one folder and database, as two
// `crmsync serve` with the shipped config would: the loop takes the entity leases, so a file
// is imported by one of them, once, and the other finds it gone.
BOOST_AUTO_TEST_CASE(two_instances_default_drop_folder_loops_import_a_file_once) {
    TempDir tmp;
    TestDatabase db(Backend::Postgres);
    fs::create_directories(tmp / "drop");
    auto a = serve(writeConfig(tmp, "a", db.url(), "", true));
    auto b = serve(writeConfig(tmp, "b", db.url(), "", true));
    writeSyntheticCatalog(tmp / "drop" / "import.xml", kProducts);
    BOOST_REQUIRE(eventually([&] { return filesNamed(tmp / "drop" / "done", "import.xml") == 1; }));
    Poco::Thread::sleep(3000);  // a few more ticks of both loops
    BOOST_TEST(a->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0, a->err());
    BOOST_TEST(b->stop(SIGTERM, std::chrono::seconds(20)).value_or(-1) == 0, b->err());
    BOOST_TEST(filesNamed(tmp / "drop" / "done", "import.xml") == 1);
    BOOST_TEST((!fs::exists(tmp / "drop" / "failed") || fs::is_empty(tmp / "drop" / "failed")));
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE kind = 'drop-folder'") == 1);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_run WHERE kind = 'drop-folder' AND "
                        "status = 'succeeded' AND inserted > 0") == 1);
    BOOST_TEST(db.tableRows("product") == kProducts);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM job_lease WHERE holder <> ''") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
