#include "adapters/crmdb/pg_copy.h"

#include <charconv>
#include <memory>

#include "adapters/crmdb/pg_conn.h"

namespace crmsync::crmdb {

namespace {

// Hands the data over in pieces of this size: libpq copies each into its own buffer.
constexpr std::size_t kCopyChunk = 256 * 1024;

// Reads every result the COPY left, so that the connection is ready for the next statement
// whatever happened; throws on the first refusal among them.
void finish(PGconn* conn) {
    PgResult refused;
    while (PGresult* raw = PQgetResult(conn)) {
        PgResult result(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && !refused) {
            refused = std::move(result);
        }
    }
    if (refused) {
        throwPgRefusal(conn, refused.get());
    }
}

// The COPY itself: `sql`, then `data`, then the server's answer.
void copyIn(PGconn* conn, const std::string& sql, const std::string& data) {
    PgResult start(PQexec(conn, sql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
        throwPgRefusal(conn, start.get());  // PQexec returned the last result: nothing is left to read
    }
    start.reset();
    for (std::size_t at = 0; at < data.size(); at += kCopyChunk) {
        const std::size_t size = std::min(kCopyChunk, data.size() - at);
        if (PQputCopyData(conn, data.data() + at, static_cast<int>(size)) != 1) {
            throwPgRefusal(conn, nullptr);
        }
    }
    if (PQputCopyEnd(conn, nullptr) != 1) {
        throwPgRefusal(conn, nullptr);
    }
    finish(conn);
}

}  // namespace

void PgCopyRows::separate() {
    if (row_open_) {
        data_ += '\t';
    }
    row_open_ = true;
}

void PgCopyRows::text(std::string_view value) {
    separate();
    // Text format: a backslash starts an escape, tab and newline end fields and rows.
    for (char c : value) {
        switch (c) {
            case '\\': data_ += "\\\\"; break;
            case '\t': data_ += "\\t"; break;
            case '\n': data_ += "\\n"; break;
            case '\r': data_ += "\\r"; break;
            default: data_ += c;
        }
    }
}

void PgCopyRows::integer(long long value) {
    separate();
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    data_.append(digits, end);
}

void PgCopyRows::null() {
    separate();
    data_ += "\\N";
}

void PgCopyRows::endRow() {
    data_ += '\n';
    row_open_ = false;
    ++rows_;
}

void PgCopyRows::send(soci::session& session) {
    if (rows_ == 0) {
        return;
    }
    PGconn* conn = pgConnectionOf(session);
    std::string data;
    data.swap(data_);
    rows_ = 0;
    refused_row_.reset();
    try {
        copyIn(conn, sql_, data);
    } catch (const soci::soci_error& e) {
        refused_row_ = refusedLine(e.get_error_message());
        throw;
    }
}

std::optional<std::size_t> PgCopyRows::refusedLine(const std::string& message) {
    // The server's context for a refused row reads "COPY journal, line 37[, column ...]".
    const std::string marker = ", line ";
    auto at = message.find("COPY ");
    if (at == std::string::npos || (at = message.find(marker, at)) == std::string::npos) {
        return std::nullopt;
    }
    std::size_t line = 0;
    const char* first = message.data() + at + marker.size();
    auto [end, ec] = std::from_chars(first, message.data() + message.size(), line);
    if (ec != std::errc() || end == first) {
        return std::nullopt;
    }
    return line;
}

}  // namespace crmsync::crmdb
