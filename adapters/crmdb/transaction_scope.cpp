#include "adapters/crmdb/transaction_scope.h"

#include "crmcore/error.h"

namespace crmsync::crmdb {

TransactionScope::TransactionScope(CrmConnection& connection, core::Durability durability)
    : connection_(connection) {
    connection_.begin(durability);
    if (connection_.dialect() == core::SqlDialect::PostgreSql) {
        writes_ = std::make_unique<PgWriteBuffer>(connection_);
    }
}

TransactionScope::~TransactionScope() {
    if (open_) {
        connection_.rollback();
    }
}

void TransactionScope::requireOpen() const {
    if (!open_) {
        throw Error("CRM database: the transaction was already committed");
    }
}

void TransactionScope::commit() {
    requireOpen();
    flushWrites();
    open_ = false;
    connection_.commit();
    if (writes_) {
        connection_.noteBulkWrites(writes_->sent());
    }
}

}  // namespace crmsync::crmdb
