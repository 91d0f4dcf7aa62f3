#define BOOST_TEST_MODULE crmdb
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

#include <soci/soci.h>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "crmcore/error.h"
#include "tests/support/test_env.h"

using crmsync::crmdb::DatabaseUrl;
using crmsync::crmdb::parseDatabaseUrl;

namespace {

auto messageHas(std::initializer_list<std::string> parts, std::string absent = "") {
    return [parts, absent](const crmsync::Error& e) {
        std::string what = e.what();
        for (const auto& part : parts) {
            if (what.find(part) == std::string::npos) {
                BOOST_TEST_MESSAGE("missing '" << part << "' in: " << what);
                return false;
            }
        }
        return absent.empty() || what.find(absent) == std::string::npos;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database_url)

BOOST_AUTO_TEST_CASE(reads_an_absolute_sqlite_path) {
    DatabaseUrl url = parseDatabaseUrl("sqlite:///var/lib/crmsync/crm.db");
    BOOST_TEST((url.kind == DatabaseUrl::Kind::Sqlite));
    BOOST_TEST(url.path == "/var/lib/crmsync/crm.db");
    BOOST_TEST(url.soci_connect == "/var/lib/crmsync/crm.db");
    BOOST_TEST(url.redacted == "sqlite:///var/lib/crmsync/crm.db");
    BOOST_TEST((url.dialect() == crmsync::core::SqlDialect::Sqlite));
}

BOOST_AUTO_TEST_CASE(takes_text_after_sqlite_scheme_as_a_relative_path) {
    BOOST_TEST(parseDatabaseUrl("sqlite://data/crm.db").path == "data/crm.db");
    BOOST_TEST(parseDatabaseUrl("sqlite://crm.db").path == "crm.db");
}

BOOST_AUTO_TEST_CASE(quotes_a_sqlite_path_that_soci_would_read_as_options) {
    DatabaseUrl url = parseDatabaseUrl("sqlite:///tmp/a b/x=1.db");
    BOOST_TEST(url.path == "/tmp/a b/x=1.db");
    BOOST_TEST(url.soci_connect == "db=\"/tmp/a b/x=1.db\"");
}

BOOST_AUTO_TEST_CASE(turns_a_postgresql_url_into_libpq_keywords_and_hides_the_password) {
    DatabaseUrl url =
        parseDatabaseUrl("postgresql://crm:s3cr%40t@db.example:6432/crm?sslmode=require");
    BOOST_TEST((url.kind == DatabaseUrl::Kind::PostgreSql));
    BOOST_TEST((url.dialect() == crmsync::core::SqlDialect::PostgreSql));
    BOOST_TEST(url.soci_connect ==
               "host='db.example' port='6432' dbname='crm' user='crm' password='s3cr@t' "
               "sslmode='require' connect_timeout='10'");
    BOOST_TEST(url.redacted == "postgresql://crm:***@db.example:6432/crm?sslmode=require");
}

BOOST_AUTO_TEST_CASE(accepts_the_postgres_scheme_and_escapes_quotes_for_libpq) {
    DatabaseUrl url = parseDatabaseUrl("postgres://o'brien:a\\b'c@127.0.0.1/crm?connect_timeout=3");
    BOOST_TEST(url.soci_connect ==
               "host='127.0.0.1' dbname='crm' user='o\\'brien' password='a\\\\b\\'c' "
               "connect_timeout='3'");
    BOOST_TEST(url.redacted == "postgres://o'brien:***@127.0.0.1/crm?connect_timeout=3");
}

BOOST_AUTO_TEST_CASE(leaves_a_missing_password_to_pgpassword) {
    DatabaseUrl url = parseDatabaseUrl("postgresql://crm@localhost/crm");
    BOOST_TEST(url.soci_connect.find("password") == std::string::npos);
    BOOST_TEST(url.redacted == "postgresql://crm@localhost/crm");
}

BOOST_AUTO_TEST_CASE(hides_a_password_given_as_a_query_parameter) {
    DatabaseUrl url = parseDatabaseUrl("postgresql://crm@localhost/crm?password=topsecret");
    BOOST_TEST(url.redacted == "postgresql://crm@localhost/crm?password=***");
    BOOST_TEST(url.soci_connect.find("password='topsecret'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refuses_an_unknown_scheme_and_lists_the_valid_forms) {
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("mysql://root:pw@localhost/crm"), crmsync::ConfigError,
                          messageHas({"unknown scheme 'mysql'", "sqlite:///absolute/path/crm.db",
                                      "sqlite://relative/path.db",
                                      "postgresql://user[:password]@host[:port]/dbname"},
                                     "pw@"));
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("/var/lib/crm.db"), crmsync::ConfigError,
                          messageHas({"no scheme", "sqlite:///"}));
}

BOOST_AUTO_TEST_CASE(refuses_malformed_postgresql_urls_without_showing_the_password) {
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("postgresql://u:hunter2@host:99999/crm"),
                          crmsync::ConfigError, messageHas({"port must be"}, "hunter2"));
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("postgresql://u:hunter2@host"), crmsync::ConfigError,
                          messageHas({"no database name", "u:***@host"}, "hunter2"));
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("postgresql://u:a%20b@host/crm"),
                          crmsync::ConfigError, messageHas({"PGPASSWORD"}, "a b"));
    BOOST_CHECK_EXCEPTION(parseDatabaseUrl("postgresql://u@host/crm?ssl mode=x"),
                          crmsync::ConfigError, messageHas({"libpq keywords"}));
    BOOST_CHECK_THROW(parseDatabaseUrl("sqlite://"), crmsync::ConfigError);
}

BOOST_AUTO_TEST_CASE(reports_an_unreachable_server_as_unavailable_with_the_redacted_url) {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    DatabaseUrl url = parseDatabaseUrl("postgresql://crm:hunter2@127.0.0.1:1/crm");
    BOOST_CHECK_EXCEPTION(crmsync::crmdb::openSession(url), crmsync::ExternalUnavailable,
                          messageHas({"postgresql://crm:***@127.0.0.1:1/crm"}, "hunter2"));
}

BOOST_AUTO_TEST_CASE(creates_the_directory_of_a_new_sqlite_database) {
    crmsync::test::TempDir dir;
    auto path = dir / "nested/deeper/crm.db";
    auto sql = crmsync::crmdb::openSession(parseDatabaseUrl("sqlite://" + path.string()));
    std::string mode;
    *sql << "PRAGMA journal_mode", soci::into(mode);
    long long foreign_keys = 0;
    *sql << "PRAGMA foreign_keys", soci::into(foreign_keys);
    BOOST_TEST(std::filesystem::exists(path));
    BOOST_TEST(mode == "wal");
    BOOST_TEST(foreign_keys == 1);
}

BOOST_AUTO_TEST_CASE(a_new_sqlite_database_gets_8k_pages_and_an_existing_one_keeps_its_own) {
    crmsync::test::TempDir dir;
    auto page_size = [](soci::session& sql) {
        long long size = 0;
        sql << "PRAGMA page_size", soci::into(size);
        return size;
    };
    auto fresh =
        crmsync::crmdb::openSession(parseDatabaseUrl("sqlite://" + (dir / "new.db").string()));
    *fresh << "CREATE TABLE t (x INTEGER)";
    BOOST_TEST(page_size(*fresh) == 8192);

    auto old_path = (dir / "old.db").string();
    {
        soci::session old("sqlite3", old_path);
        old << "PRAGMA page_size = 4096";
        old << "CREATE TABLE t (x INTEGER)";
    }
    auto reopened = crmsync::crmdb::openSession(parseDatabaseUrl("sqlite://" + old_path));
    BOOST_TEST(page_size(*reopened) == 4096);
    *reopened << "INSERT INTO t VALUES (1)";  // still a working database
}

BOOST_AUTO_TEST_SUITE_END()
