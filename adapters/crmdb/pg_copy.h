#pragma once
// PostgreSQL only: rows sent with COPY ... FROM STDIN in text format on the connection a SOCI
// session holds, inside the transaction that session has open. A COPY is one round trip for
// any number of rows, where even a multi-row INSERT of the journal's twelve columns was one
// per 64 rows: on a database across a network most of a first import's time.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <soci/session.h>

namespace crmsync::crmdb {

class PgCopyRows {
public:
    // `copySql` is "COPY table (columns) FROM STDIN"; every row gives one field per column.
    explicit PgCopyRows(std::string copySql) : sql_(std::move(copySql)) {}

    void text(std::string_view value);
    void integer(long long value);
    void null();
    void endRow();

    std::size_t rows() const { return rows_; }
    std::size_t bytes() const { return data_.size(); }

    // Sends the rows kept and forgets them. A refusal throws soci::postgresql_soci_error with
    // the server's message and SQLSTATE, so that CrmConnection::fail() classifies it as for
    // any statement; its `line` is the 1-based row the server refused, when it says.
    void send(soci::session& session);
    // After send() threw: the 1-based row the server refused, when its message names one, so
    // that the caller can name that row's record.
    std::optional<std::size_t> refusedRow() const { return refused_row_; }

    // The row number in a refusal's message ("COPY journal, line 37"), when there is one.
    static std::optional<std::size_t> refusedLine(const std::string& message);

private:
    void separate();

    std::string sql_;
    std::string data_;
    std::size_t rows_ = 0;
    bool row_open_ = false;
    std::optional<std::size_t> refused_row_;
};

}  // namespace crmsync::crmdb
