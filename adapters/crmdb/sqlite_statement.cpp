#include "adapters/crmdb/sqlite_statement.h"

#include <sqlite3.h>

#include "adapters/crmdb/db_error.h"

namespace crmsync::crmdb {

SqliteStatement::SqliteStatement(sqlite3* db, std::string text, std::size_t parameters,
                                 std::size_t columns)
    : PreparedStatement(std::move(text)),
      db_(db),
      texts_(parameters),
      columns_(columns),
      null_(columns, 0) {
    int rc = sqlite3_prepare_v3(db_, sql().c_str(), static_cast<int>(sql().size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc, "prepare");
    }
    slots_.reserve(parameters);
    for (std::size_t i = 0; i < parameters; ++i) {
        std::string name = ":p" + std::to_string(i);
        int slot = sqlite3_bind_parameter_index(statement_, name.c_str());
        slots_.push_back(slot > 0 ? slot : static_cast<int>(i) + 1);
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::fail(int code, const char* what) const {
    throwSqliteError(code, std::string("sqlite3 ") + what + ": " + sqlite3_errmsg(db_) +
                               " while executing \"" + sql() + "\"");
}

void SqliteStatement::failStep(int code) {
    // The message first: resetting keeps the error but ends the statement, which must not
    // stay half-run in the caller's transaction.
    std::string message = "sqlite3 step: " + std::string(sqlite3_errmsg(db_)) +
                          " while executing \"" + sql() + "\"";
    sqlite3_reset(statement_);
    ran_ = false;
    throwSqliteError(code, message);
}

void SqliteStatement::resetIfRun() {
    if (ran_) {
        // The error of a failed step was reported by that step; reset only repeats it.
        sqlite3_reset(statement_);
        ran_ = false;
        pending_ = false;
    }
}

void SqliteStatement::setText(std::size_t index, std::string_view value) {
    resetIfRun();
    std::string& kept = texts_[index];
    kept.assign(value.data(), value.size());
    int rc = sqlite3_bind_text(statement_, slots_[index], kept.data(),
                               static_cast<int>(kept.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        fail(rc, "bind");
    }
}

void SqliteStatement::setNull(std::size_t index) {
    resetIfRun();
    int rc = sqlite3_bind_null(statement_, slots_[index]);
    if (rc != SQLITE_OK) {
        fail(rc, "bind");
    }
}

void SqliteStatement::setInteger(std::size_t index, std::int64_t value) {
    resetIfRun();
    int rc = sqlite3_bind_int64(statement_, slots_[index], value);
    if (rc != SQLITE_OK) {
        fail(rc, "bind");
    }
}

bool SqliteStatement::step() {
    ran_ = true;
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) {
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            int column = static_cast<int>(i);
            if (sqlite3_column_type(statement_, column) == SQLITE_NULL) {
                null_[i] = 1;
                columns_[i].clear();
                continue;
            }
            // Text first, then its length: the documented order for a conversion to text.
            const auto* data = sqlite3_column_text(statement_, column);
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
            null_[i] = 0;
            columns_[i].assign(reinterpret_cast<const char*>(data), size);
        }
        pending_ = true;
        return true;
    }
    pending_ = false;
    if (rc != SQLITE_DONE) {
        failStep(rc);
    }
    affected_ = sqlite3_changes(db_);
    // Reset at once: a finished statement must not keep a read snapshot or a write open.
    sqlite3_reset(statement_);
    ran_ = false;
    return false;
}

bool SqliteStatement::execute() {
    resetIfRun();
    return step();
}

bool SqliteStatement::fetch() {
    if (!pending_) {
        return false;
    }
    return step();
}

void SqliteStatement::finish() {
    if (pending_) {
        // Every change of a statement, RETURNING included, is made by its first step; the
        // rows not read are dropped.
        sqlite3_reset(statement_);
        ran_ = false;
        pending_ = false;
    }
}

}  // namespace crmsync::crmdb
