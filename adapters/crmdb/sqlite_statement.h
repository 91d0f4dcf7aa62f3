#pragma once
// PreparedStatement over SQLite's C API, on the connection SOCI opened. Values are bound
// straight into SQLite and results read straight out of it; SOCI's exchange buffers, its
// per-call type bookkeeping and its last-insert-id query were a fifth of a catalog import.
#include <string>
#include <string_view>
#include <vector>

#include "adapters/crmdb/prepared_statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace crmsync::crmdb {

class SqliteStatement final : public PreparedStatement {
public:
    // `parameters` placeholders :p0 .. :p<parameters-1>; `columns` result columns. Throws
    // soci::sqlite3_soci_error when the SQL does not prepare.
    SqliteStatement(sqlite3* db, std::string text, std::size_t parameters, std::size_t columns);
    ~SqliteStatement() override;

    void setText(std::size_t index, std::string_view value) override;
    void setNull(std::size_t index) override;
    void setInteger(std::size_t index, std::int64_t value) override;

    bool execute() override;
    bool fetch() override;
    void finish() override;

    bool isNull(std::size_t column) const override { return null_[column] != 0; }
    const std::string& text(std::size_t column) const override { return columns_[column]; }

    long long affectedRows() override { return affected_; }

private:
    // A statement that ran must be reset before it is bound or run again.
    void resetIfRun();
    // Steps once: reads the row (true) or, at the end, resets the statement (false).
    bool step();
    [[noreturn]] void fail(int code, const char* what) const;
    [[noreturn]] void failStep(int code);

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
    std::vector<int> slots_;  // SQLite's index of each :pN
    // Each text parameter's value, bound without a copy (SQLITE_STATIC): refilled in place,
    // so after the first rows binding allocates nothing, in SQLite or here.
    std::vector<std::string> texts_;
    std::vector<std::string> columns_;
    std::vector<char> null_;
    bool ran_ = false;      // stepped since the last reset
    bool pending_ = false;  // a row was read and the statement may not be at its end
    long long affected_ = 0;
};

}  // namespace crmsync::crmdb
