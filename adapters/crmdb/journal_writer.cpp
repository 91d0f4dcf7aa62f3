#include "adapters/crmdb/journal_writer.h"

namespace crmsync::crmdb {

namespace {

// A transaction's COPY data is sent once it is this large; an import's batch stays well below.
constexpr std::size_t kCopyBytes = 8 * 1024 * 1024;

}  // namespace

JournalWriter::JournalWriter(TransactionScope& scope)
    : scope_(scope), connection_(scope.connection()) {
    if (connection_.dialect() == core::SqlDialect::PostgreSql) {
        copy_.emplace(copyJournalSql());
    } else {
        rows_.resize(kJournalRowsPerInsert);
    }
}

void JournalWriter::append(const core::JournalEntry& entry) {
    scope_.requireOpen();
    if (copy_) {
        keepForCopy(entry);
        if (copy_->bytes() >= kCopyBytes) {
            copyKept();
        }
        return;
    }
    rows_[count_++] = entry;
    if (count_ == rows_.size()) {
        insertKept();
    }
}

void JournalWriter::keepForCopy(const core::JournalEntry& entry) {
    // The order of copyJournalSql()'s columns; `at` is the server's transaction time.
    PgCopyRows& row = *copy_;
    row.integer(entry.run_id);
    row.text(entry.entity);
    row.text(entry.onec_key);
    row.integer(entry.crm_id);
    row.text(entry.origin);
    row.text(entry.op);
    row.text(entry.before);
    row.text(entry.after);
    row.text(entry.policy);
    row.text(entry.mapping_version);
    row.text(entry.lineage);
    row.text(entry.actor);
    row.endRow();
    copy_keys_.push_back(entry.entity + " " + entry.onec_key);
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
    if (copy_) {
        copyKept();
    } else {
        insertKept();
    }
}

void JournalWriter::copyKept() {
    if (copy_->rows() == 0) {
        return;
    }
    std::vector<std::string> keys;
    keys.swap(copy_keys_);  // a failed write fails the transaction: the rows are not tried again
    std::optional<std::size_t> refused;
    connection_.guard(
        [&] {
            try {
                copy_->send(connection_.session());
            } catch (const soci::soci_error& e) {
                // The server names the refused row by its line in the COPY data.
                refused = PgCopyRows::refusedLine(e.get_error_message());
                throw;
            }
        },
        [&] {
            if (refused && *refused >= 1 && *refused <= keys.size()) {
                return "append to journal (" + keys[*refused - 1] + ")";
            }
            return "append to journal (" + keys.front() + " and the " +
                   std::to_string(keys.size() - 1) + " rows after it)";
        });
}

void JournalWriter::insertKept() {
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
