#pragma once
// A fresh, migrated CRM database for one test, on SQLite (a file in a temp dir) or on the
// PostgreSQL server the test script started (a database of its own), with plain SQL access for
// assertions.
#include <memory>
#include <optional>
#include <string>

#include "crmcore/crm_store.h"
#include "tests/support/test_env.h"

namespace soci {
class session;
}

namespace crmsync::test {

enum class Backend { Sqlite, Postgres };

class TestDatabase {
public:
    explicit TestDatabase(Backend backend);
    ~TestDatabase();

    const std::string& url() const { return url_; }
    core::CrmStore& store() { return *store_; }

    void execute(const std::string& sql);             // DDL or DML, as an admin would
    long long count(const std::string& sql);          // first column of the first row
    std::optional<std::string> text(const std::string& sql);  // NULL -> nullopt
    long long tableRows(const std::string& table) { return count("SELECT COUNT(*) FROM " + table); }
    // Rows of every CRM table, binding, journal and quarantine: "nothing was written" checks.
    long long totalRows();

private:
    std::optional<TempDir> dir_;
    std::optional<TempPostgresDatabase> pg_;
    std::string url_;
    std::unique_ptr<core::CrmStore> store_;
    std::unique_ptr<soci::session> sql_;
};

}  // namespace crmsync::test

// Defines a test body once and registers it for SQLite and for PostgreSQL (labelled "postgres",
// skipped when no server runs):  CRMSYNC_TEST_ON_BOTH(imports_x) { TestDatabase db(backend); }
#define CRMSYNC_TEST_ON_BOTH(name)                                                        \
    static void name##_body(crmsync::test::Backend backend);                              \
    BOOST_AUTO_TEST_CASE(name##_on_sqlite) { name##_body(crmsync::test::Backend::Sqlite); } \
    BOOST_AUTO_TEST_CASE(name##_on_postgres,                                              \
                         *boost::unit_test::label("postgres") *                           \
                             boost::unit_test::precondition(crmsync::test::postgresPresent)) { \
        name##_body(crmsync::test::Backend::Postgres);                                    \
    }                                                                                     \
    static void name##_body([[maybe_unused]] crmsync::test::Backend backend)
