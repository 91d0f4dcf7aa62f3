#include "adapters/crmdb/wal_checkpointer.h"

#include <string>

#include <sqlite3.h>

#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

// The writer's PRAGMA wal_autocheckpoint (session_factory.cpp sets it), 0 when off or unknown.
int autocheckpointPages(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    int pages = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA wal_autocheckpoint", -1, &statement, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        pages = sqlite3_column_int(statement, 0);
    }
    sqlite3_finalize(statement);
    return pages;
}

}  // namespace

WalCheckpointer::WalCheckpointer(sqlite3* writer) : writer_(writer) {
    const char* file = sqlite3_db_filename(writer_, "main");
    threshold_ = autocheckpointPages(writer_);
    if (file == nullptr || *file == '\0' || threshold_ <= 0) {
        return;  // in memory or checkpoints switched off: nothing to take over
    }
    // A connection learns that a database is in WAL mode from its first read; until then its
    // checkpoints return at once with nothing copied, and every copy fell back to the writer.
    if (sqlite3_open_v2(file, &copier_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
        sqlite3_exec(copier_, "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
        core::logger("crmdb")->warn("WAL checkpoints stay in the committing thread: {}",
                                    sqlite3_errmsg(copier_));
        sqlite3_close(copier_);
        copier_ = nullptr;
        return;
    }
    // Replaces the hook that sqlite3_wal_autocheckpoint() installed.
    sqlite3_wal_hook(writer_, &WalCheckpointer::onCommit, this);
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
    if (copier_ == nullptr) {
        return;
    }
    sqlite3_wal_autocheckpoint(writer_, threshold_);
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    sqlite3_close(copier_);
}

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int pages_in_log) {
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (pages_in_log < checkpointer->threshold_) {
        return SQLITE_OK;
    }
    std::unique_lock lock(checkpointer->mutex_);
    if (pages_in_log < 2 * checkpointer->threshold_) {
        checkpointer->wanted_ = true;
        lock.unlock();
        checkpointer->wake_.notify_all();
        return SQLITE_OK;
    }
    checkpointer->wake_.wait(lock, [checkpointer] { return !checkpointer->copying_; });
    lock.unlock();
    // What SQLite's own automatic checkpoint would do here, with most of the log already copied.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return wanted_ || stopping_; });
        if (stopping_) {
            return;
        }
        wanted_ = false;
        copying_ = true;
        lock.unlock();
        int rc = sqlite3_wal_checkpoint_v2(copier_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                           nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            core::logger("crmdb")->warn("WAL checkpoint failed, retried after the next commits: {}",
                                        sqlite3_errmsg(copier_));
        }
        lock.lock();
        copying_ = false;
        wake_.notify_all();
    }
}

}  // namespace crmsync::crmdb
