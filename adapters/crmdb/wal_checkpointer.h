#pragma once
// Copies a SQLite database's write-ahead log back into the database file on a thread of its
// own. SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, so a
// catalog import's engine thread stood still while each ~32 MB of log was copied and the
// database file synced. Here a COMMIT past the threshold only wakes the copier thread, which
// checkpoints (PASSIVE: never blocking the writer or a reader) again and again while the log
// keeps growing.
//
// A log is only started over once a checkpoint has copied all of it, which a copier racing a
// busy writer never quite does. So once the log reaches twice the threshold, the committing
// thread waits for the copier's round and checkpoints the rest itself: the batches committed
// during that round, a small part of the log, then the log starts over at the next
// transaction. The log stays under about twice the threshold, as with SQLite's own scheme.
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
    bool copying_ = false;  // a checkpoint on thread_ is under way
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace crmsync::crmdb
