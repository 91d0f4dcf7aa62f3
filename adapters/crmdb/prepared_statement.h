#pragma once
// One SQL statement prepared once and executed many times. The engine calls the store about
// half a million times per 100,000-product import; building and preparing a statement per call
// would dominate the run, so a statement is prepared once and each call only rebinds its
// parameters and re-executes it. Two implementations: SQLite's own C API (sqlite_statement.h),
// because SOCI's per-call bookkeeping and copies cost a measurable share of a catalog import,
// and SOCI for PostgreSQL (soci_statement.h).
//
// Errors are thrown as soci::soci_error (a SQLite failure as soci::sqlite3_soci_error with its
// result code), so that callers turn both kinds into crmsync's with CrmConnection::fail().
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace crmsync::crmdb {

class PreparedStatement {
public:
    explicit PreparedStatement(std::string text) : text_(std::move(text)) {}
    virtual ~PreparedStatement() = default;
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    const std::string& sql() const { return text_; }

    // Parameters are numbered from 0 (:p0, :p1, ... in the SQL). A value stays bound until it
    // is set again.
    virtual void setText(std::size_t index, std::string_view value) = 0;
    void setOptionalText(std::size_t index, const std::optional<std::string>& value);
    virtual void setNull(std::size_t index) = 0;
    virtual void setInteger(std::size_t index, std::int64_t value) = 0;

    // Runs the statement and reads the first result row, if any (true when there is one).
    virtual bool execute() = 0;
    // Reads the next result row; false once the rows are exhausted.
    virtual bool fetch() = 0;
    // Runs the statement, keeps at most the first row and finishes it (see finish()).
    bool executeOnce();
    // Ends a statement whose rows were not all read. Until then SQLite counts it as running: a
    // pending INSERT .. RETURNING makes COMMIT fail, and a pending SELECT pins an old snapshot.
    virtual void finish() = 0;

    // Every result column is read as text: PostgreSQL sends text anyway, and SQLite converts.
    virtual bool isNull(std::size_t column) const = 0;
    virtual const std::string& text(std::size_t column) const = 0;
    std::optional<std::string> optionalText(std::size_t column) const;
    // The column as an integer; 0 for NULL. Throws crmsync::Error when it is not an integer.
    std::int64_t integer(std::size_t column) const;

    // Rows changed by the last execute() of an INSERT, UPDATE or DELETE.
    virtual long long affectedRows() = 0;

private:
    std::string text_;
};

// Prepares `text` on the session's connection: through SQLite's C API on SQLite, through SOCI
// otherwise. `params` has one letter per placeholder :p0, :p1, ... in order: 't' text (may be
// NULL) or 'i' 64-bit integer; `columns` is the number of result columns. Throws
// soci::soci_error when the SQL does not prepare. The statement must go before the session.
std::unique_ptr<PreparedStatement> prepareStatement(soci::session& session, std::string text,
                                                    std::string_view params,
                                                    std::size_t columns);

}  // namespace crmsync::crmdb
