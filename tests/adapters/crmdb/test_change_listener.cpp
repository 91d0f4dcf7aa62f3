// The CRM change listeners on a real database: a catch-up signal once connected, then the
// table of each change made by plain SQL (the SQLite poll, PostgreSQL's LISTEN/NOTIFY); on
// PostgreSQL a connection the server drops is made again, with another catch-up signal, and
// notifications flow again. Waits are bounds for a signal to come, not timings.
#define BOOST_TEST_MODULE change_listener
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/crmdb/change_listener.h"
#include "adapters/crmdb/pg_change_listener.h"
#include "adapters/crmdb/database_url.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

// The signals a listener sent, in order.
class Signals {
public:
    void add(const std::string& table) {
        {
            std::lock_guard lock(mutex_);
            tables_.push_back(table);
        }
        changed_.notify_all();
    }
    // True once `table` was signalled at least `times` times (within 20 s).
    bool waitFor(const std::string& table, int times = 1) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(20), [&] {
            return std::count(tables_.begin(), tables_.end(), table) >= times;
        });
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return tables_.size();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> tables_;
};

void insertCounterparty(TestDatabase& db, const std::string& name) {
    db.execute("INSERT INTO counterparty (name, kind, inn, active) VALUES ('" + name +
               "', 'company', '7701234567', 1)");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(change_listener)

CRMSYNC_TEST_ON_BOTH(it_says_look_once_connected_then_names_each_table_changed) {
    TestDatabase db(backend);
    Signals signals;
    auto listener = crmdb::makeChangeListener(db.url(), std::chrono::milliseconds(50));
    listener->start([&](const std::string& table) { signals.add(table); });
    BOOST_TEST_REQUIRE(signals.waitFor(core::kAnyCrmTable));
    insertCounterparty(db, "ООО Ромашка");
    BOOST_TEST(signals.waitFor("counterparty"));
    const auto counterparty = db.count("SELECT MAX(id) FROM counterparty");
    db.execute("INSERT INTO sales_order (number, ordered_at, counterparty_id, active) VALUES "
               "('A-1', '2026-05-01T10:00:00', " + std::to_string(counterparty) + ", 1)");
    BOOST_TEST(signals.waitFor("sales_order"));
    db.execute("UPDATE counterparty SET name = 'ООО Ромашка и К' WHERE id = " +
               std::to_string(counterparty));
    BOOST_TEST(signals.waitFor("counterparty", 2));
    listener->stop();
    const auto after_stop = signals.size();
    insertCounterparty(db, "ООО Лютик");
    listener->stop();  // idempotent
    BOOST_TEST(signals.size() == after_stop);
}

BOOST_AUTO_TEST_CASE(a_connection_the_server_drops_is_made_again_and_says_look,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(postgresPresent)) {
    TestDatabase db(Backend::Postgres);
    Signals signals;
    auto url = crmdb::parseDatabaseUrl(db.url());
    crmdb::PgListenerSettings settings;
    settings.reconnect.base_delay = std::chrono::milliseconds(50);
    crmdb::PgChangeListener listener(url.soci_connect, url.redacted, settings);
    listener.start([&](const std::string& table) { signals.add(table); });
    BOOST_TEST_REQUIRE(signals.waitFor(core::kAnyCrmTable));
    // As a server restart or an admin's pg_terminate_backend would.
    BOOST_TEST_REQUIRE(db.count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                "WHERE query = 'LISTEN crmsync_crm_change' AND datname = "
                                "current_database()") == 1);
    // Changes made while it was gone were notified to no one: it asks everyone to look.
    BOOST_TEST_REQUIRE(signals.waitFor(core::kAnyCrmTable, 2));
    insertCounterparty(db, "ООО Ромашка");
    BOOST_TEST(signals.waitFor("counterparty"));
    listener.stop();
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_retried_and_stop_ends_the_wait) {
    // Nothing listens on port 1: every attempt fails at once, and stop() must not hang.
    crmdb::PgListenerSettings settings;
    settings.reconnect.base_delay = std::chrono::milliseconds(20);
    crmdb::PgChangeListener listener("host=127.0.0.1 port=1 dbname=none connect_timeout=2",
                                     "postgresql://127.0.0.1:1/none", settings);
    Signals signals;
    listener.start([&](const std::string& table) { signals.add(table); });
    listener.stop();
    BOOST_TEST(signals.size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
