#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include <sqlite3.h>

#include "adapters/crmdb/wal_checkpointer.h"
#include "tests/support/test_env.h"

namespace {

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, (error != nullptr ? error : "?") << " in " << sql);
}

// Whether `predicate` holds within `seconds`, asked every few milliseconds.
template <typename Predicate>
bool eventually(Predicate predicate, int seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wal_checkpointer)

BOOST_AUTO_TEST_CASE(the_copier_thread_copies_the_log_into_the_database_without_the_writer) {
    crmsync::test::TempDir dir;
    auto path = dir.path() / "crm.db";
    sqlite3* writer = nullptr;
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &writer) == SQLITE_OK);
    exec(writer, "PRAGMA journal_mode = WAL");
    exec(writer, "PRAGMA wal_autocheckpoint = 100");
    exec(writer, "CREATE TABLE t (x BLOB)");
    exec(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
    {
        crmsync::crmdb::WalCheckpointer checkpointer(writer);
        auto size_before = std::filesystem::file_size(path);
        // ~150 pages in one commit: past the threshold, under twice it, so the writer leaves
        // the copying to the checkpointer's thread.
        exec(writer,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
             "INSERT INTO t SELECT randomblob(3000) FROM n");
        bool copied = eventually(
            [&] { return std::filesystem::file_size(path) > size_before + 100 * 4096; }, 10);
        BOOST_TEST(copied, "the database file did not grow: the log was not copied into it");
    }
    sqlite3_close(writer);
}

BOOST_AUTO_TEST_SUITE_END()
