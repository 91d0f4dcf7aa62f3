#pragma once
// One database transaction on a CrmConnection, shared by the ports that work inside it
// (rows, bindings, journal, quarantine, order delivery): they ask it whether it is still open.
#include <memory>

#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/pg_write_buffer.h"

namespace crmsync::crmdb {

class TransactionScope {
public:
    // Begins the transaction (CrmConnection::begin, which refuses a second one).
    explicit TransactionScope(CrmConnection& connection,
                              core::Durability durability = core::Durability::AtCommit);
    // Rolls back unless committed.
    ~TransactionScope();
    TransactionScope(const TransactionScope&) = delete;
    TransactionScope& operator=(const TransactionScope&) = delete;

    CrmConnection& connection() { return connection_; }
    // Throws crmsync::Error once the transaction was committed.
    void requireOpen() const;
    // Sends the kept writes (writes()) and commits.
    void commit();
    // PostgreSQL: the rows and bindings kept until the next read or the commit; null on SQLite.
    PgWriteBuffer* writes() { return writes_.get(); }
    // Sends the kept writes, if any: before any statement that reads CRM tables or bindings.
    void flushWrites() {
        if (writes_) {
            writes_->flush();
        }
    }

private:
    CrmConnection& connection_;
    std::unique_ptr<PgWriteBuffer> writes_;
    bool open_ = true;
};

}  // namespace crmsync::crmdb
