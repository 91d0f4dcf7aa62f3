// CRM change capture (schema migration 3) on both databases: what anyone but crmsync writes is
// logged in the same transaction with its columns and time; crmsync's own transactions are
// not; a column an admin adds is captured after the next migrate; PostgreSQL NOTIFYs.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "crmcore/entity_catalog.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
namespace core = crmsync::core;

BOOST_AUTO_TEST_SUITE(change_capture)

CRMSYNC_TEST_ON_BOTH(others_writes_are_captured_and_crmsync_transactions_are_not) {
    CrmdbTarget db(backend);
    const auto& counterparty = core::entitySpec("counterparty");
    {
        auto tx = db.store().begin();
        tx->rows().insert(counterparty, crmsync::test::row({{"name", "by crmsync"}}));
        tx->commit();
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM crm_change") == 0);

    db.sql() << "INSERT INTO counterparty (name, inn) VALUES ('by hand', '7701')";
    db.sql() << "UPDATE counterparty SET kpp = '770101001', name = 'renamed' WHERE inn = '7701'";
    db.sql() << "UPDATE counterparty SET name = 'renamed' WHERE inn = '7701'";  // no change
    db.sql() << "DELETE FROM counterparty WHERE inn = '7701'";
    auto changes = db.store().changes().after(0, 10);
    BOOST_TEST_REQUIRE(changes.size() == 3u);
    BOOST_TEST(changes[0].op == "insert");
    BOOST_TEST(changes[0].columns == "[\"active\",\"inn\",\"name\"]");
    BOOST_TEST(changes[1].op == "update");
    BOOST_TEST(changes[1].columns == "[\"kpp\",\"name\"]");
    BOOST_TEST(changes[2].op == "delete");
    BOOST_TEST(changes[0].table == "counterparty");
    BOOST_TEST(changes[0].origin == "crm");
    BOOST_TEST(crmsync::test::isUtcMillis(changes[1].at), changes[1].at);
    BOOST_TEST(db.store().changes().after(changes[1].seq, 10).size() == 1u);
    // The marker never outlives crmsync's transaction.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM crm_change WHERE op = 'insert'") == 1);
    if (backend == Backend::Sqlite) {
        BOOST_TEST(db.count("SELECT COUNT(*) FROM sync_writer") == 0);
    }
}

CRMSYNC_TEST_ON_BOTH(newest_wins_reads_when_the_crm_last_set_a_column) {
    CrmdbTarget db(backend);
    db.sql() << "INSERT INTO counterparty (name) VALUES ('a')";
    long long id = db.count("SELECT MAX(id) FROM counterparty");
    db.sql() << "UPDATE counterparty SET full_name = 'x' WHERE id = " << id;
    auto tx = db.store().begin();
    auto name_at = tx->changes().lastEdit("counterparty", id, "name");
    auto full_at = tx->changes().lastEdit("counterparty", id, "full_name");
    BOOST_TEST_REQUIRE(name_at.has_value());
    BOOST_TEST_REQUIRE(full_at.has_value());
    BOOST_TEST(*name_at <= *full_at);
    BOOST_TEST(!tx->changes().lastEdit("counterparty", id, "kpp").has_value());
}

CRMSYNC_TEST_ON_BOTH(a_column_an_admin_adds_is_captured_after_the_next_migrate) {
    CrmdbTarget db(backend);
    db.sql() << "ALTER TABLE counterparty ADD COLUMN segment TEXT";
    db.store().migrate();  // the daemon and every filling command migrate at start
    db.sql() << "INSERT INTO counterparty (name) VALUES ('a')";
    db.sql() << "UPDATE counterparty SET segment = 'vip'";
    auto changes = db.store().changes().after(0, 10);
    BOOST_TEST_REQUIRE(changes.size() == 2u);
    BOOST_TEST(changes[1].columns == "[\"segment\"]");
    BOOST_TEST(db.store().migrate() == 0);  // nothing to remake the second time
}

BOOST_AUTO_TEST_CASE(postgresql_notifies_each_captured_change,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    CrmdbTarget db(Backend::Postgres);
    auto listening = crmsync::crmdb::openSession(crmsync::crmdb::parseDatabaseUrl(db.url()));
    soci::session& listener = *listening;
    listener << "LISTEN crmsync_crm_change";
    db.sql() << "INSERT INTO sales_order (number) VALUES ('N-1')";
    long long id = db.count("SELECT MAX(id) FROM sales_order");
    auto* backend = static_cast<soci::postgresql_session_backend*>(listener.get_backend());
    PGconn* conn = backend->conn_;
    std::string payload;
    for (int i = 0; i < 100 && payload.empty(); ++i) {
        PQconsumeInput(conn);
        if (PGnotify* note = PQnotifies(conn)) {
            payload = note->extra;
            PQfreemem(note);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    BOOST_TEST(payload == "sales_order:" + std::to_string(id));
}

BOOST_AUTO_TEST_SUITE_END()
