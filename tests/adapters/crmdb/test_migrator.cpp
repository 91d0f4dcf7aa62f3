#include <boost/test/unit_test.hpp>

#include <thread>

#include "adapters/crmdb/crm_sql.h"
#include "adapters/crmdb/migrator.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/schema.h"
#include "tests/adapters/crmdb/crmdb_fixture.h"

using crmsync::test::Backend;
using crmsync::test::CrmdbTarget;
namespace core = crmsync::core;

namespace {
int latestVersion() { return core::schemaMigrations().back().version; }
}  // namespace

BOOST_AUTO_TEST_SUITE(migrator)

CRMSYNC_TEST_ON_BOTH(second_migrate_applies_nothing_and_version_is_current) {
    CrmdbTarget db(backend, /*migrated=*/false);
    BOOST_TEST(db.store().schemaVersion() == 0);
    BOOST_TEST(db.store().migrate() == static_cast<int>(core::schemaMigrations().size()));
    BOOST_TEST(db.store().migrate() == 0);
    BOOST_TEST(db.store().schemaVersion() == latestVersion());
    BOOST_TEST(db.count("SELECT COUNT(*) FROM schema_migrations") ==
               static_cast<long long>(core::schemaMigrations().size()));
    std::string applied_at;
    db.sql() << "SELECT applied_at FROM schema_migrations WHERE version = 1",
        soci::into(applied_at);
    BOOST_TEST(crmsync::test::isUtcMillis(applied_at), applied_at);
}

CRMSYNC_TEST_ON_BOTH(every_catalog_column_exists_in_the_migrated_database) {
    CrmdbTarget db(backend);
    for (const auto& spec : core::entityCatalog()) {
        std::string columns = "id, active";
        for (const auto& column : spec.columns) {
            columns += ", " + crmsync::crmdb::quoted(column.name);
        }
        std::string sql = "SELECT " + columns + " FROM " + crmsync::crmdb::quoted(spec.table) +
                          " WHERE 1 = 0";
        BOOST_CHECK_NO_THROW(db.sql() << sql);
    }
}

CRMSYNC_TEST_ON_BOTH(refuses_a_database_newer_than_this_build) {
    CrmdbTarget db(backend);
    db.sql() << "INSERT INTO schema_migrations (version, description, applied_at) "
                "VALUES (99, 'from the future', '2099-01-01T00:00:00.000Z')";
    BOOST_CHECK_EXCEPTION(db.store().migrate(), crmsync::Error, [](const crmsync::Error& e) {
        return std::string(e.what()).find("version 99, newer than this crmsync knows (" +
                                          std::to_string(latestVersion()) + ")") !=
               std::string::npos;
    });
    BOOST_TEST(db.store().schemaVersion() == 99);
}

CRMSYNC_TEST_ON_BOTH(two_processes_migrating_at_once_apply_each_migration_once) {
    CrmdbTarget db(backend, /*migrated=*/false);
    auto other = db.openAnotherStore();
    int applied_here = -1;
    int applied_there = -1;
    std::string error_there;
    std::thread racer([&] {
        try {
            applied_there = other->migrate();
        } catch (const std::exception& e) {
            error_there = e.what();
        }
    });
    applied_here = db.store().migrate();
    racer.join();
    BOOST_TEST(error_there == "");
    BOOST_TEST(applied_here + applied_there == static_cast<int>(core::schemaMigrations().size()));
    BOOST_TEST(db.store().schemaVersion() == latestVersion());
    BOOST_TEST(db.count("SELECT COUNT(*) FROM schema_migrations") ==
               static_cast<long long>(core::schemaMigrations().size()));
}

// Migrations 12 and 13: every column holding a 1C key compares byte by byte on PostgreSQL,
// whatever the database's own collation (ru_RU.UTF-8 in production compares through strcoll).
BOOST_AUTO_TEST_CASE(on_postgres_1c_keys_compare_byte_by_byte,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(crmsync::test::postgresPresent)) {
    CrmdbTarget db(Backend::Postgres);
    for (const char* table : {"binding", "quarantine", "journal"}) {
        for (const char* column : {"entity", "onec_key"}) {
            std::string collation;
            db.sql() << "SELECT coalesce(collation_name, '') FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = :t "
                        "AND column_name = :c",
                soci::use(std::string(table)), soci::use(std::string(column)),
                soci::into(collation);
            BOOST_TEST(collation == "C", table << "." << column << ": '" << collation << "'");
        }
    }
    BOOST_TEST(db.count("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'journal' "
                        "AND indexname IN ('journal_key', 'journal_run')") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
