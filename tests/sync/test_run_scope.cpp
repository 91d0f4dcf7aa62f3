// The run scope every run owner uses: a run row opened, counted and closed once, also when an
// exception leaves the owner half-way.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "crmcore/error.h"
#include "sync/run_scope.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using crmsync::test::TestDatabase;

BOOST_AUTO_TEST_SUITE(run_scope)

CRMSYNC_TEST_ON_BOTH(a_run_closes_with_its_counts_and_status) {
    TestDatabase db(backend);
    std::int64_t id = 0;
    {
        sync::RunScope run(db.store().runs(), "test", "a.xml b.xml");
        id = run.id();
        BOOST_TEST(db.store().runs().find(id)->status == "running");
        run.counts().read = 7;
        run.counts().inserted = 3;
        run.succeed();
        BOOST_CHECK_THROW(run.fail("later"), Error);  // closed once
    }
    auto row = db.store().runs().find(id);
    BOOST_REQUIRE(row.has_value());
    BOOST_TEST(row->status == "succeeded");
    BOOST_TEST(row->input == "a.xml b.xml");
    BOOST_TEST(row->counts.read == 7);
    BOOST_TEST(row->counts.inserted == 3);
    BOOST_TEST(!row->finished_at.empty());
}

CRMSYNC_TEST_ON_BOTH(a_run_left_by_an_exception_is_closed_as_failed) {
    TestDatabase db(backend);
    std::int64_t id = 0;
    try {
        sync::RunScope run(db.store().runs(), "test", "a.xml");
        id = run.id();
        run.counts().read = 2;
        throw std::runtime_error("the database went away");
    } catch (const std::runtime_error&) {
    }
    auto row = db.store().runs().find(id);
    BOOST_REQUIRE(row.has_value());
    BOOST_TEST(row->status == "failed");
    BOOST_TEST(row->error.find("before it finished") != std::string::npos, row->error);
    BOOST_TEST(row->counts.read == 2);
}

CRMSYNC_TEST_ON_BOTH(a_failed_run_keeps_its_error) {
    TestDatabase db(backend);
    sync::RunScope run(db.store().runs(), "test", "a.xml");
    run.fail("a.xml:12: not a decimal");
    BOOST_TEST(db.store().runs().find(run.id())->error == "a.xml:12: not a decimal");
}

BOOST_AUTO_TEST_SUITE_END()
