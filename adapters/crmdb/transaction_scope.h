#pragma once
// One database transaction on a CrmConnection, shared by the ports that work inside it
// (rows, bindings, journal, quarantine, order delivery): they ask it whether it is still open.
#include "adapters/crmdb/crm_connection.h"

namespace crmsync::crmdb {

class TransactionScope {
public:
    // Begins the transaction (CrmConnection::begin, which refuses a second one).
    explicit TransactionScope(CrmConnection& connection);
    // Rolls back unless committed.
    ~TransactionScope();
    TransactionScope(const TransactionScope&) = delete;
    TransactionScope& operator=(const TransactionScope&) = delete;

    CrmConnection& connection() { return connection_; }
    // Throws crmsync::Error once the transaction was committed.
    void requireOpen() const;
    void commit();

private:
    CrmConnection& connection_;
    bool open_ = true;
};

}  // namespace crmsync::crmdb
