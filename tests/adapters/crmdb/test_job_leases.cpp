#include <boost/test/unit_test.hpp>

#include <chrono>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using crmsync::test::row;
using namespace std::chrono_literals;
namespace core = crmsync::core;

namespace {

// A lease of ttl 0 expires on the database clock the moment it is written, so a takeover can
// be tested without waiting.
constexpr auto kExpired = 0ms;
constexpr auto kLong = 60'000ms;

void insertProduct(core::CrmStore& store, const std::string& name) {
    auto tx = store.begin();
    tx->rows().insert(core::entitySpec("product"), row({{"name", name}}));
    tx->commit();
}

bool isLeaseLost(const crmsync::LeaseLost& e, const std::string& part) {
    bool found = std::string(e.what()).find(part) != std::string::npos;
    if (!found) {
        BOOST_TEST_MESSAGE("missing '" << part << "' in: " << e.what());
    }
    return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job_leases)

CRMSYNC_TEST_ON_BOTH(a_held_lease_is_refused_to_others_and_renewed_at_its_epoch) {
    CrmdbTarget db(backend);
    auto other = db.openAnotherStore();
    auto& a = db.store().leases();
    auto& b = other->leases();
    BOOST_TEST((a.acquire("job:prices", "host-a:1", kLong) == std::optional<std::int64_t>(1)));
    BOOST_TEST(!b.acquire("job:prices", "host-b:2", kLong).has_value());
    // Acquiring again while holding is a renewal: same epoch.
    BOOST_TEST((a.acquire("job:prices", "host-a:1", kLong) == std::optional<std::int64_t>(1)));
    BOOST_TEST(a.renew("job:prices", "host-a:1", 1, kLong));
    BOOST_TEST(!b.renew("job:prices", "host-b:2", 1, kLong));
    auto stored = b.find("job:prices");
    BOOST_REQUIRE(stored.has_value());
    BOOST_TEST(stored->holder == "host-a:1");
    BOOST_TEST(stored->epoch == 1);
    BOOST_TEST(stored->expires_at.size() == 24u, stored->expires_at);
    // Other locks are independent.
    BOOST_TEST((b.acquire("entity:price", "host-b:2", kLong) == std::optional<std::int64_t>(1)));
}

CRMSYNC_TEST_ON_BOTH(a_released_lease_goes_to_the_next_holder_with_a_new_epoch) {
    CrmdbTarget db(backend);
    auto other = db.openAnotherStore();
    auto& a = db.store().leases();
    auto& b = other->leases();
    BOOST_TEST((a.acquire("job:prices", "host-a:1", kLong) == std::optional<std::int64_t>(1)));
    b.release("job:prices", "host-b:2", 1);  // not the holder: nothing happens
    BOOST_TEST(!b.acquire("job:prices", "host-b:2", kLong).has_value());
    a.release("job:prices", "host-a:1", 1);
    BOOST_TEST(b.find("job:prices")->holder == "");
    BOOST_TEST((b.acquire("job:prices", "host-b:2", kLong) == std::optional<std::int64_t>(2)));
    BOOST_TEST(!a.renew("job:prices", "host-a:1", 1, kLong));
}

CRMSYNC_TEST_ON_BOTH(an_expired_lease_is_taken_over_and_the_old_holder_cannot_renew) {
    CrmdbTarget db(backend);
    auto other = db.openAnotherStore();
    auto& a = db.store().leases();
    auto& b = other->leases();
    BOOST_TEST((a.acquire("job:prices", "host-a:1", kExpired) == std::optional<std::int64_t>(1)));
    BOOST_TEST((b.acquire("job:prices", "host-b:2", kLong) == std::optional<std::int64_t>(2)));
    BOOST_TEST(!a.renew("job:prices", "host-a:1", 1, kLong));
    BOOST_TEST(!a.acquire("job:prices", "host-a:1", kLong).has_value());
    // A holder whose own lease expired with nobody taking it may renew it: its epoch still
    // stands, so nothing it did can clash with anyone.
    BOOST_TEST((b.acquire("entity:price", "host-b:2", kExpired) == std::optional<std::int64_t>(1)));
    BOOST_TEST(b.renew("entity:price", "host-b:2", 1, kLong));
    BOOST_TEST(b.find("entity:price")->epoch == 1);
}

CRMSYNC_TEST_ON_BOTH(a_fenced_commit_succeeds_while_the_lease_holds) {
    CrmdbTarget db(backend);
    auto epoch = db.store().leases().acquire("job:prices", "host-a:1", kLong);
    BOOST_REQUIRE(epoch.has_value());
    db.store().fence({"host-a:1", {{"job:prices", *epoch}}});
    insertProduct(db.store(), "kept");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

CRMSYNC_TEST_ON_BOTH(a_holder_whose_lease_was_taken_over_cannot_commit) {
    CrmdbTarget db(backend);
    auto other = db.openAnotherStore();
    auto epoch = db.store().leases().acquire("job:prices", "host-a:1", kExpired);
    BOOST_REQUIRE(epoch.has_value());
    BOOST_REQUIRE(db.store().leases().acquire("entity:price", "host-a:1", kLong).has_value());
    db.store().fence({"host-a:1", {{"entity:price", 1}, {"job:prices", *epoch}}});
    // host-a was paused past its TTL; host-b takes the job over.
    BOOST_TEST((other->leases().acquire("job:prices", "host-b:2", kLong) ==
               std::optional<std::int64_t>(2)));
    BOOST_CHECK_EXCEPTION(insertProduct(db.store(), "lost"), crmsync::LeaseLost,
                          [](const crmsync::LeaseLost& e) {
                              return isLeaseLost(e, "lease job:prices lost by host-a:1 (epoch 1)"
                                                    ": now held by host-b:2 at epoch 2");
                          });
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
    // The store stays usable: without the fence the next transaction commits.
    db.store().fence({});
    insertProduct(db.store(), "after");
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

// PostgreSQL only: a transaction already open when the takeover happens (SQLite's open write
// transaction would block the takeover itself until it ends).
BOOST_AUTO_TEST_CASE(a_takeover_during_an_open_transaction_fails_its_commit_on_postgres,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    CrmdbTarget db(Backend::Postgres);
    auto other = db.openAnotherStore();
    auto epoch = db.store().leases().acquire("job:prices", "host-a:1", kExpired);
    BOOST_REQUIRE(epoch.has_value());
    db.store().fence({"host-a:1", {{"job:prices", *epoch}}});
    auto tx = db.store().begin();
    tx->rows().insert(core::entitySpec("product"), row({{"name", "lost"}}));
    BOOST_TEST((other->leases().acquire("job:prices", "host-b:2", kLong) ==
               std::optional<std::int64_t>(2)));
    BOOST_CHECK_THROW(tx->commit(), crmsync::LeaseLost);
    tx.reset();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
