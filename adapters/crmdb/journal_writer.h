#pragma once
// The journal rows of one transaction. A catalog import writes one journal row per record; one
// statement per row was a quarter of an import on SQLite and a round trip per record on
// PostgreSQL. Nothing reads the journal inside the transaction that writes it, so the rows
// only have to be in before COMMIT: on SQLite they go kJournalRowsPerInsert (crm_connection.h)
// to an INSERT, on PostgreSQL all of them in one COPY at the end (pg_copy.h), or one per
// kCopyBytes of rows in a transaction that writes more.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "adapters/crmdb/pg_copy.h"
#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/journal.h"

namespace crmsync::crmdb {

// core::JournalAppender of one transaction.
class JournalWriter final : public core::JournalAppender {
public:
    explicit JournalWriter(TransactionScope& scope);

    // Keeps a copy; writes the rows kept so far once there are kJournalRowsPerInsert.
    void append(const core::JournalEntry& entry) override;
    // Writes the rows still kept, and each journaled entity's newest time (journal_latest,
    // schema version 9). Called before the transaction commits; rows kept by a transaction
    // that rolls back are dropped with it. Throws as CrmConnection::fail() does.
    void flush();

private:
    void bind(PreparedStatement& statement, std::size_t row, const core::JournalEntry& entry);
    void keepForCopy(const core::JournalEntry& entry);
    void insertKept();
    void copyKept();
    void noteLatest();


    TransactionScope& scope_;
    CrmConnection& connection_;
    // Assigned over, not reallocated, so that the strings keep their capacity between rows.
    std::vector<core::JournalEntry> rows_;
    std::size_t count_ = 0;
    // PostgreSQL: the rows in COPY's text form, and "entity key" of each to name a refused one.
    std::optional<PgCopyRows> copy_;
    // The entities journaled (not '', a person's sign-in is no entity's), for journal_latest.
    std::vector<std::string> entities_;
    std::vector<std::string> copy_keys_;
};

}  // namespace crmsync::crmdb
