#pragma once
// One SQL statement prepared once and executed many times. The engine calls the store about
// half a million times per 100,000-product import; building and preparing a statement per call
// would dominate the run, so parameters and results live in buffers owned here that SOCI binds
// by reference once, and each call only refills them and re-executes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/statement.h>

namespace soci {
class session;
}

namespace crmsync::crmdb {

class PreparedStatement {
public:
    // `params` has one letter per placeholder, in order: 't' text (may be NULL) or 'i' 64-bit
    // integer. Every result column is read as text: PostgreSQL sends text anyway, and SQLite
    // converts. Throws soci::soci_error when the SQL does not prepare.
    PreparedStatement(soci::session& sql, std::string text, std::string_view params,
                      std::size_t columns);
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    const std::string& sql() const { return text_; }

    void setText(std::size_t index, std::string_view value);
    void setOptionalText(std::size_t index, const std::optional<std::string>& value);
    void setNull(std::size_t index);
    void setInteger(std::size_t index, std::int64_t value);

    // Runs the statement and reads the first result row, if any (true when there is one).
    bool execute();
    // Reads the next result row; false once the rows are exhausted.
    bool fetch();
    // Runs the statement, keeps at most the first row and finishes it (see finish()).
    bool executeOnce();
    // Steps a SQLite statement to its end. Until then SQLite counts it as running: a pending
    // INSERT .. RETURNING makes COMMIT fail, and a pending SELECT pins an old snapshot.
    void finish();

    bool isNull(std::size_t column) const { return column_ind_[column] == soci::i_null; }
    const std::string& text(std::size_t column) const { return columns_[column]; }
    std::optional<std::string> optionalText(std::size_t column) const;
    // The column as an integer; 0 for NULL. Throws crmsync::Error when it is not an integer.
    std::int64_t integer(std::size_t column) const;

    // Rows changed by the last execute() of an INSERT, UPDATE or DELETE.
    long long affectedRows() { return statement_.get_affected_rows(); }

private:
    struct Param {
        char kind = 't';
        std::string text;
        long long integer = 0;
        soci::indicator ind = soci::i_ok;
    };

    std::string text_;
    // Sized once in the constructor: SOCI keeps pointers into these vectors.
    std::vector<Param> params_;
    std::vector<std::string> columns_;
    std::vector<soci::indicator> column_ind_;
    soci::statement statement_;
    bool pending_ = false;  // a row was read and the statement may not be at its end
};

}  // namespace crmsync::crmdb
