#pragma once
// Copies a SQLite database's write-ahead log back into the database file on a thread of its
// own. SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, so a
// catalog import's engine thread stood still while each ~32 MB of log was copied and the
// database file synced. Here that COMMIT only signals; the copy and the sync overlap the next
// batches. The checkpoints are PASSIVE: they never block the writer nor a reader, and a
// checkpoint that cannot finish (a reader still needs old pages) is simply taken up again.
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace crmsync::crmdb {

class WalCheckpointer {
public:
    // Takes checkpointing over from `writer`'s automatic checkpoint, keeping its threshold
    // (PRAGMA wal_autocheckpoint) and opening a second connection to the same file for the
    // copies. Does nothing (the automatic checkpoint stays) for a database without a file or
    // when the second connection cannot be opened. `writer` must outlive this object.
    explicit WalCheckpointer(sqlite3* writer);
    // Waits for a checkpoint under way and gives checkpointing back to SQLite.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    // SQLite's WAL hook: runs on the committing thread after each commit, lock released.
    static int onCommit(void* self, sqlite3* db, const char* schema, int pages_in_log);
    void run();

    sqlite3* writer_;
    sqlite3* copier_ = nullptr;  // used only on thread_
    int threshold_ = 0;          // pages in the log that call for a checkpoint
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace crmsync::crmdb
