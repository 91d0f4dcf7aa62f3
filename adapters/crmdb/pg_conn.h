#pragma once
// PostgreSQL only: libpq beneath a SOCI session, for what SOCI cannot send (COPY, several
// statements in one message), with refusals thrown as SOCI's own so that CrmConnection::fail()
// classifies them as for any statement.
#include <memory>

#include <libpq-fe.h>
#include <soci/session.h>

namespace crmsync::crmdb {

// Throws soci::soci_error when `session` is not PostgreSQL's.
PGconn* pgConnectionOf(soci::session& session);

struct PgResultFree {
    void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

// Throws soci::postgresql_soci_error with the server's message, context and SQLSTATE
// ("08006", connection failure, when the server gave none).
[[noreturn]] void throwPgRefusal(PGconn* conn, const PGresult* result);

}  // namespace crmsync::crmdb
