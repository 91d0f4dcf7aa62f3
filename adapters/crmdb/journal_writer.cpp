#include "adapters/crmdb/journal_writer.h"

namespace crmsync::crmdb {

JournalWriter::JournalWriter(TransactionScope& scope)
    : scope_(scope), connection_(scope.connection()), rows_(kJournalRowsPerInsert) {}

void JournalWriter::append(const core::JournalEntry& entry) {
    scope_.requireOpen();
    rows_[count_++] = entry;
    if (count_ == rows_.size()) {
        flush();
    }
}

void JournalWriter::bind(PreparedStatement& statement, std::size_t row,
                         const core::JournalEntry& entry) {
    const std::size_t first = row * journalColumns(connection_.dialect());
    statement.setInteger(first + 0, entry.run_id);
    statement.setText(first + 1, entry.entity);
    statement.setText(first + 2, entry.onec_key);
    statement.setInteger(first + 3, entry.crm_id);
    statement.setText(first + 4, entry.origin);
    statement.setText(first + 5, entry.op);
    statement.setText(first + 6, entry.before);
    statement.setText(first + 7, entry.after);
    statement.setText(first + 8, entry.policy);
    statement.setText(first + 9, entry.mapping_version);
    statement.setText(first + 10, entry.lineage);
    statement.setText(first + 11, entry.actor);
    if (transactionTimeParameter(connection_.dialect())) {
        statement.setText(first + 12, connection_.transactionTime());
    }
}

void JournalWriter::flush() {
    if (count_ == 0) {
        return;
    }
    const std::size_t count = count_;
    count_ = 0;  // a failed write fails the transaction: the rows are not tried again
    connection_.guard(
        [&] {
            if (count == rows_.size()) {
                auto& st = connection_.fixed(FixedStatement::AppendJournalRows);
                for (std::size_t row = 0; row < count; ++row) {
                    bind(st, row, rows_[row]);
                }
                st.execute();
                return;
            }
            auto& st = connection_.fixed(FixedStatement::AppendJournal);
            for (std::size_t row = 0; row < count; ++row) {
                bind(st, 0, rows_[row]);
                st.execute();
            }
        },
        [&] {
            return "append to journal (" + rows_[0].entity + " " + rows_[0].onec_key +
                   " and the " + std::to_string(count - 1) + " rows after it)";
        });
}

}  // namespace crmsync::crmdb
