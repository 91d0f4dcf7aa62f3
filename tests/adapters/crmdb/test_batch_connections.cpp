// PostgreSQL: the batch mapped while the one before commits runs on the store's second
// connection (SociCrmStore::beginBatch), looks up the committing batch's bindings without
// waiting for it, and sends new rows ahead (sendAhead) while it commits. A plain session holds
// the committing batch back where a test needs it still in flight: it inserts, uncommitted, a
// binding key the batch also binds, so the batch's COPY waits on that row's lock.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
using crmsync::test::row;
namespace core = crmsync::core;

namespace {

std::int64_t newProduct(core::CrmTransaction& tx, const std::string& name) {
    return tx.rows().insert(core::entitySpec("product"), row({{"name", name}}));
}

core::Binding productBinding(const std::string& key, std::int64_t id) {
    return {"product", key, id, "h", R"({"name":"x"})", "v1"};
}

// Keeps `key` of product locked by an uncommitted binding until release().
class Blocker {
public:
    Blocker(CrmdbTarget& db, const std::string& key) : db_(db) {
        db_.sql() << "BEGIN";
        db_.sql() << "INSERT INTO binding (entity, onec_key, crm_id) VALUES ('product', '" + key +
                         "', -1)";
    }
    ~Blocker() { release(); }
    void release() {
        if (held_) {
            held_ = false;
            db_.sql() << "ROLLBACK";
        }
    }

private:
    CrmdbTarget& db_;
    bool held_ = true;
};

// A transaction on `db` committing in the background, held back by `blocker` on "guid-held".
std::int64_t commitHeldBack(CrmdbTarget& db) {
    auto tx = db.store().beginBatch();
    std::int64_t id = newProduct(*tx, "first batch");
    tx->bindings().insert(productBinding("guid-first", id));
    tx->bindings().insert(productBinding("guid-held", newProduct(*tx, "held")));
    db.store().commitInBackground(std::move(tx));
    return id;
}

// Backends other than the test's own holding a lock on table product for a write.
long long productWriters(CrmdbTarget& db) {
    return db.count(
        "SELECT COUNT(DISTINCT pid) FROM pg_locks WHERE relation = 'product'::regclass "
        "AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()");
}

// productWriters() once it reaches `n`, or after five seconds.
long long awaitProductWriters(CrmdbTarget& db, long long n) {
    long long writers = productWriters(db);
    for (int i = 0; i < 100 && writers < n; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        writers = productWriters(db);
    }
    return writers;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(batch_connections,
                      *boost::unit_test::label("postgres") *
                          boost::unit_test::precondition(crmsync::test::postgresPresent))

BOOST_AUTO_TEST_CASE(the_next_batch_finds_the_committing_batch_s_bindings_at_once) {
    CrmdbTarget db(Backend::Postgres);
    Blocker blocker(db, "guid-held");
    std::int64_t first = commitHeldBack(db);

    auto next = db.store().beginBatch();
    auto lookup = std::async(std::launch::async, [&] {
        return next->bindings().findMany("product", {"guid-first", "guid-none"});
    });
    bool answered = lookup.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    blocker.release();  // lets the first batch commit either way
    BOOST_REQUIRE_MESSAGE(answered, "the lookup waited for the batch committing");
    auto found = lookup.get();
    BOOST_REQUIRE(found.size() == 1);
    BOOST_TEST(found[0].onec_key == "guid-first");
    BOOST_TEST(found[0].crm_id == first);

    db.store().awaitCommit();
    next->bindings().insert(productBinding("guid-next", newProduct(*next, "next batch")));
    db.store().commitInBackground(std::move(next));
    db.store().awaitCommit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 3);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 3);
}

BOOST_AUTO_TEST_CASE(new_rows_go_out_ahead_while_the_batch_before_commits) {
    CrmdbTarget db(Backend::Postgres);
    Blocker blocker(db, "guid-held");
    commitHeldBack(db);
    // The first batch has sent its rows and waits at its bindings.
    BOOST_REQUIRE(awaitProductWriters(db, 1) == 1);

    auto next = db.store().beginBatch();
    next->bindings().insert(productBinding("guid-next", newProduct(*next, "next batch")));
    db.store().sendAhead(*next);
    BOOST_TEST(awaitProductWriters(db, 2) == 2);  // both batches' rows on the server at once
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);  // neither committed

    blocker.release();
    db.store().awaitCommit();
    db.store().commitInBackground(std::move(next));
    db.store().awaitCommit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 3);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 3);
    // Journal-free here; the order of application is the importer's test.
}

BOOST_AUTO_TEST_CASE(a_batch_sent_ahead_is_dropped_whole_when_the_one_before_fails) {
    CrmdbTarget db(Backend::Postgres);
    auto tx = db.store().beginBatch();
    std::int64_t id = newProduct(*tx, "P");
    tx->bindings().insert(productBinding("guid-1", id));
    tx->bindings().insert(productBinding("guid-2", id));  // one CRM row bound twice: refused
    db.store().commitInBackground(std::move(tx));

    auto next = db.store().beginBatch();
    next->bindings().insert(productBinding("guid-3", newProduct(*next, "Q")));
    db.store().sendAhead(*next);
    try {
        db.store().awaitCommit();
        BOOST_FAIL("the refused commit was not reported");
    } catch (const crmsync::PreviousCommitFailed& e) {
        BOOST_TEST(e.dataRefused());
    }
    next.reset();  // mapped on what the failed batch would have left: dropped
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 0);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 0);

    auto again = db.store().beginBatch();
    again->bindings().insert(productBinding("guid-3", newProduct(*again, "Q")));
    again->commit();
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 1);
}

BOOST_AUTO_TEST_CASE(writes_sent_ahead_that_are_refused_fail_their_own_commit) {
    CrmdbTarget db(Backend::Postgres);
    {
        auto tx = db.store().begin();
        tx->bindings().save(productBinding("guid-taken", newProduct(*tx, "bound before")));
        tx->commit();
    }
    auto tx = db.store().beginBatch();
    tx->bindings().insert(productBinding("guid-1", newProduct(*tx, "good")));
    db.store().commitInBackground(std::move(tx));

    auto next = db.store().beginBatch();
    next->bindings().insert(productBinding("guid-2", newProduct(*next, "also good")));
    next->bindings().insert(productBinding("guid-taken", newProduct(*next, "bound twice")));
    db.store().sendAhead(*next);
    BOOST_CHECK_NO_THROW(db.store().awaitCommit());  // the batch before is not at fault
    db.store().commitInBackground(std::move(next));
    try {
        db.store().awaitCommit();
        BOOST_FAIL("the refused writes were not reported");
    } catch (const crmsync::PreviousCommitFailed& e) {
        BOOST_TEST(e.dataRefused());
        BOOST_TEST(std::string(e.what()).find("guid-taken") != std::string::npos, e.what());
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM product") == 2);
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
