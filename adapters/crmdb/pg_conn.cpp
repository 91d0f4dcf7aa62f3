#include "adapters/crmdb/pg_conn.h"

#include <string>

#include <soci/postgresql/soci-postgresql.h>

namespace crmsync::crmdb {

PGconn* pgConnectionOf(soci::session& session) {
    // libsoci_postgresql exports no typeinfo for its backend, so ask by name (db_error.cpp).
    if (session.get_backend() == nullptr || session.get_backend_name() != "postgresql") {
        throw soci::soci_error("this needs a PostgreSQL session");
    }
    return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

void throwPgRefusal(PGconn* conn, const PGresult* result) {
    std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
    if (message.empty()) {
        message = PQerrorMessage(conn);
    }
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (result != nullptr) {
        if (const char* context = PQresultErrorField(result, PG_DIAG_CONTEXT)) {
            message += std::string(" (") + context + ")";
        }
    }
    throw soci::postgresql_soci_error(message, state != nullptr ? state : "08006");
}

}  // namespace crmsync::crmdb
