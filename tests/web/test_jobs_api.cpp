// /api/v1/jobs over loopback with a real job runner behind it: the job list with its next fires
// and lease, a job's runs, and POST .../trigger, which 1C calls with an admin's API token (401
// without one, 403 for an accountant, 404 for an unknown job, 202 and then a run row).
#include <boost/test/unit_test.hpp>

#include <atomic>

#include <Poco/JSON/Array.h>
#include <Poco/Thread.h>

#include "app/configured_jobs.h"
#include "app/runner_job_control.h"
#include "app/store_factory.h"
#include "app/web/job_control.h"
#include "crmcore/job_runs.h"
#include "scheduler/clock.h"
#include "scheduler/job_runner.h"
#include "tests/web/web_harness.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

// The API's port to a runner made after the harness (the runner needs the harness's database).
class LateJobControl final : public app::web::JobControl {
public:
    std::vector<app::web::JobInfo> jobs(int next_count) const override {
        return target != nullptr ? target->jobs(next_count) : std::vector<app::web::JobInfo>{};
    }
    bool trigger(const std::string& name) override {
        return target != nullptr && target->trigger(name);
    }
    app::web::JobControl* target = nullptr;
};

config::DaemonConfig twoJobs() {
    config::DaemonConfig cfg;
    config::JobConfig orders;
    orders.name = "orders";
    orders.action = "odata-push";
    orders.entities = {"order", "order_line"};
    orders.on_crm_change = {"order"};
    orders.debounce = std::chrono::milliseconds(0);
    config::JobConfig nightly;
    nightly.name = "nightly";
    nightly.action = "retention";
    nightly.schedule = "0 30 2 * * *";
    cfg.jobs.jobs = {orders, nightly};
    return cfg;
}

// The runner and its API port, with actions that count their runs instead of calling 1C.
struct Jobs {
    explicit Jobs(WebHarness& web, LateJobControl& late)
        : cfg(twoJobs()),
          control_store(app::openMigratedStore(web.db().url())),
          runner(clock, *control_store, {"test-host:1", std::chrono::seconds(15),
                                         std::chrono::milliseconds(100)}) {
        for (auto& spec : app::jobSpecs(cfg)) {
            runner.add(spec, [this](const scheduler::JobContext&) {
                ++runs;
                return scheduler::JobOutcome{};
            });
        }
        control = std::make_unique<app::RunnerJobControl>(cfg, runner);
        late.target = control.get();
        runner.start();
    }
    ~Jobs() { runner.stop(); }

    config::DaemonConfig cfg;
    scheduler::SystemClock clock;
    std::unique_ptr<core::CrmStore> control_store;
    scheduler::JobRunner runner;
    std::unique_ptr<app::RunnerJobControl> control;
    std::atomic<int> runs{0};
};

Reply withToken(WebHarness& web, const std::string& method, const std::string& path,
                const std::string& token) {
    Request request;
    request.method = method;
    request.path = path;
    request.no_origin = true;  // 1C's HTTP client sends none
    if (!token.empty()) {
        request.headers["Authorization"] = "Bearer " + token;
    }
    return web.send(request);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jobs_api)

CRMSYNC_TEST_ON_BOTH(a_trigger_needs_an_admin_token_and_a_known_job_then_runs_it) {
    LateJobControl late;
    WebHarness web(backend, {}, &late);
    Jobs jobs(web, late);
    const std::string admin = web.addToken("1c-subscription", "admin");
    const std::string accountant = web.addToken("reports", "accountant");
    const std::string trigger = "/api/v1/jobs/orders/trigger";

    Reply none = withToken(web, "POST", trigger, "");
    BOOST_TEST(none.status == 401);
    BOOST_TEST(none.errorCode() == "unauthenticated");
    Reply forbidden = withToken(web, "POST", trigger, accountant);
    BOOST_TEST(forbidden.status == 403);
    BOOST_TEST(forbidden.errorCode() == "forbidden");
    BOOST_TEST(withToken(web, "POST", trigger, std::string(64, '0')).status == 401);
    Reply unknown = withToken(web, "POST", "/api/v1/jobs/nonesuch/trigger", admin);
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unknown.errorCode() == "not_found");
    BOOST_TEST(jobs.runs == 0);

    Reply accepted = withToken(web, "POST", trigger, admin);
    BOOST_TEST_REQUIRE(accepted.status == 202, accepted.body);
    BOOST_TEST(accepted.body == R"({"job":"orders","status":"accepted"})");
    bool ran = false;
    for (int i = 0; i < 200 && !ran; ++i) {
        ran = web.db().count("SELECT COUNT(*) FROM sync_run WHERE job = 'orders' AND "
                             "run_trigger = 'manual' AND status = 'succeeded'") == 1;
        Poco::Thread::sleep(25);
    }
    BOOST_TEST_REQUIRE(ran);
    BOOST_TEST(jobs.runs == 1);

    Reply runs = withToken(web, "GET", "/api/v1/jobs/orders/runs", admin);
    BOOST_TEST_REQUIRE(runs.status == 200, runs.body);
    auto items = runs.json()->getArray("items");
    BOOST_TEST_REQUIRE(items->size() == 1u);
    auto run = items->getObject(0);
    BOOST_TEST(run->getValue<std::string>("trigger") == "manual");
    BOOST_TEST(run->getValue<std::string>("status") == "succeeded");
    BOOST_TEST(run->getValue<std::string>("instance") == "test-host:1");
    BOOST_TEST(withToken(web, "GET", "/api/v1/jobs/nonesuch/runs", admin).status == 404);
    BOOST_TEST(withToken(web, "GET", "/api/v1/jobs/orders/runs", accountant).status == 403);
}

CRMSYNC_TEST_ON_BOTH(the_job_list_shows_schedules_next_fires_triggers_leases_and_last_runs) {
    LateJobControl late;
    WebHarness web(backend, {}, &late);
    Jobs jobs(web, late);
    web.addUser("anna", "accountant", "correct horse");
    web.addUser("root", "admin", "battery staple");
    BOOST_TEST(web.get("/api/v1/jobs", web.browser("anna", "correct horse")).status == 403);
    BOOST_TEST(withToken(web, "GET", "/api/v1/jobs", "").status == 401);

    Reply list = web.get("/api/v1/jobs", web.browser("root", "battery staple"));
    BOOST_TEST_REQUIRE(list.status == 200, list.body);
    auto items = list.json()->getArray("items");
    BOOST_TEST_REQUIRE(items->size() == 2u);
    auto orders = items->getObject(0);
    BOOST_TEST(orders->getValue<std::string>("name") == "orders");
    BOOST_TEST(orders->getValue<std::string>("action") == "odata-push");
    BOOST_TEST(orders->isNull("schedule"));
    BOOST_TEST(orders->getArray("next_fires")->size() == 0u);
    BOOST_TEST(orders->getArray("on_crm_change")->getElement<std::string>(0) == "sales_order");
    BOOST_TEST(orders->getArray("entities")->size() == 2u);
    BOOST_TEST(orders->isNull("last_run"));
    BOOST_TEST(orders->isNull("lease"));
    auto nightly = items->getObject(1);
    BOOST_TEST(nightly->getValue<std::string>("name") == "nightly");
    BOOST_TEST(!nightly->isNull("schedule"));
    auto fires = nightly->getArray("next_fires");
    BOOST_TEST_REQUIRE(fires->size() == 3u);
    BOOST_TEST(fires->getElement<std::string>(0).substr(10) == "T02:30:00.000Z");
    BOOST_TEST(fires->getElement<std::string>(0) < fires->getElement<std::string>(1));

    // After a run: its row is the last run, and its released lease is still listed, epoch 1.
    BOOST_TEST_REQUIRE(jobs.runner.runNow("orders").has_value());
    Reply after = web.get("/api/v1/jobs", web.browser("root", "battery staple"));
    auto ran = after.json()->getArray("items")->getObject(0);
    BOOST_TEST_REQUIRE(!ran->isNull("last_run"), after.body);
    BOOST_TEST(ran->getObject("last_run")->getValue<std::string>("status") == "succeeded");
    BOOST_TEST_REQUIRE(!ran->isNull("lease"), after.body);
    BOOST_TEST(ran->getObject("lease")->getValue<std::int64_t>("epoch") == 1);
    BOOST_TEST(ran->getObject("lease")->getValue<std::string>("holder") == "");
}

BOOST_AUTO_TEST_SUITE_END()
