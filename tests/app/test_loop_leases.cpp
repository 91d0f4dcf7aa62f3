// The daemon's default loops under leases (app/loop_leases.h), on a real database: a tick does
// not run while a job or another instance holds an entity it may write, runs once the lease is
// free and gives its leases back after; a tick whose lease was taken over meanwhile is told to
// stop, and its store's commit fails.
#include <boost/test/unit_test.hpp>

#include <thread>

#include "app/loop_leases.h"
#include "app/store_factory.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
using namespace std::chrono_literals;

namespace {

app::LoopLeases loopOn(const TestDatabase& db, std::chrono::milliseconds ttl) {
    return app::LoopLeases("drop-folder", app::openMigratedStore(db.url()), "this-instance", ttl);
}

void writeUnit(core::CrmStore& store, const std::string& code) {
    auto tx = store.begin();
    tx->rows().insert(core::entitySpec("unit"), core::Row{{"code", code}});
    tx->commit();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loop_leases)

CRMSYNC_TEST_ON_BOTH(a_tick_waits_for_a_job_writing_an_entity_and_releases_after) {
    TestDatabase db(backend);
    auto other = app::openMigratedStore(db.url());
    auto job_epoch = other->leases().acquire("entity:price", "a-job", 60s);
    BOOST_REQUIRE(job_epoch);
    app::LoopLeases loop = loopOn(db, 15s);

    int ticks = 0;
    auto tick = [&](const std::function<bool()>& keep_going) {
        ++ticks;
        BOOST_TEST(keep_going());
        writeUnit(db.store(), "796");  // fenced, and the leases are held: it commits
    };
    BOOST_TEST(!loop.run(db.store(), tick));
    BOOST_TEST(ticks == 0);
    // Nothing of the loop's stays held while it waits: the job's other entities are free.
    auto product = other->leases().find("entity:product");
    BOOST_TEST((!product || product->holder.empty()));

    other->leases().release("entity:price", "a-job", *job_epoch);
    BOOST_TEST(loop.run(db.store(), tick));
    BOOST_TEST(ticks == 1);
    BOOST_TEST(db.tableRows("unit") == 1);
    for (const auto& entity : core::entityNames()) {
        auto lease = other->leases().find("entity:" + entity);
        BOOST_REQUIRE(lease);
        BOOST_TEST(lease->holder.empty(), entity << " still held by " << lease->holder);
    }
    writeUnit(db.store(), "166");  // the fence is off after the tick
    BOOST_TEST(db.tableRows("unit") == 2);
}

CRMSYNC_TEST_ON_BOTH(a_tick_waits_up_to_its_bound_for_a_busy_lease) {
    TestDatabase db(backend);
    auto other = app::openMigratedStore(db.url());
    auto epoch = other->leases().acquire("entity:order", "a-job", 60s);
    BOOST_REQUIRE(epoch);
    app::LoopLeases loop = loopOn(db, 15s);
    std::thread freer([&] {
        std::this_thread::sleep_for(1500ms);
        auto own = app::openMigratedStore(db.url());
        own->leases().release("entity:order", "a-job", *epoch);
    });
    int ticks = 0;
    BOOST_TEST(loop.run(db.store(), [&](const std::function<bool()>&) { ++ticks; }, 10s));
    freer.join();
    BOOST_TEST(ticks == 1);
}

CRMSYNC_TEST_ON_BOTH(a_tick_whose_lease_was_taken_over_stops_and_commits_nothing) {
    TestDatabase db(backend);
    app::LoopLeases loop = loopOn(db, 300ms);
    auto other = app::openMigratedStore(db.url());
    bool told_to_stop = false;
    BOOST_TEST(loop.run(db.store(), [&](const std::function<bool()>& keep_going) {
        std::this_thread::sleep_for(600ms);  // paused past the TTL
        BOOST_REQUIRE(other->leases().acquire("entity:unit", "other-instance", 60s));
        told_to_stop = !keep_going();
        BOOST_CHECK_THROW(writeUnit(db.store(), "796"), LeaseLost);
    }));
    BOOST_TEST(told_to_stop);
    BOOST_TEST(db.tableRows("unit") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
