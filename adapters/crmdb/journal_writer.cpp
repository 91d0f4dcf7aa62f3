#include "adapters/crmdb/journal_writer.h"

#include <algorithm>

#include "adapters/crmdb/pg_write_buffer.h"

namespace crmsync::crmdb {

namespace {

// The journal's columns in the order of appendJournalSql() and copyJournalSql() (crm_sql.h),
// `at` aside: one list for the INSERT's parameters and COPY's fields.
template <typename Integer, typename Text>
void forEachJournalColumn(const core::JournalEntry& entry, Integer&& integer, Text&& text) {
    integer(entry.run_id);
    text(entry.entity);
    text(entry.onec_key);
    integer(entry.crm_id);
    text(entry.origin);
    text(entry.op);
    text(entry.before);
    text(entry.after);
    text(entry.policy);
    text(entry.mapping_version);
    text(entry.lineage);
    text(entry.actor);
}

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
    // A transaction journals a handful of entities: a linear search beats a set.
    if (!entry.entity.empty() &&
        std::find(entities_.begin(), entities_.end(), entry.entity) == entities_.end()) {
        entities_.push_back(entry.entity);
    }
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
    // `at` is left to the server: its transaction time.
    PgCopyRows& row = *copy_;
    forEachJournalColumn(
        entry, [&](std::int64_t value) { row.integer(value); },
        [&](const std::string& value) { row.text(value); });
    row.endRow();
    copy_keys_.push_back(entry.entity + " " + entry.onec_key);
}

void JournalWriter::bind(PreparedStatement& statement, std::size_t row,
                         const core::JournalEntry& entry) {
    std::size_t p = row * journalColumns(connection_.dialect());
    forEachJournalColumn(
        entry, [&](std::int64_t value) { statement.setInteger(p++, value); },
        [&](const std::string& value) { statement.setText(p++, value); });
    if (transactionTimeParameter(connection_.dialect())) {
        statement.setText(p, connection_.transactionTime());
    }
}

void JournalWriter::flush() {
    if (copy_) {
        copyKept();
    } else {
        insertKept();
    }
    noteLatest();
}

void JournalWriter::noteLatest() {
    if (entities_.empty()) {
        return;
    }
    std::vector<std::string> entities;
    entities.swap(entities_);
    std::sort(entities.begin(), entities.end());
    const auto dialect = connection_.dialect();
    connection_.guard(
        [&] {
            if (dialect == core::SqlDialect::PostgreSql) {
                auto& st = connection_.statement(noteJournalLatestSql(dialect), "t", 0);
                st.setText(0, pgArrayLiteral({entities.begin(), entities.end()}));
                st.execute();
                return;
            }
            auto& st = connection_.statement(noteJournalLatestSql(dialect), "tt", 0);
            for (const auto& entity : entities) {
                st.setText(0, entity);
                st.setText(1, connection_.transactionTime());
                st.execute();
            }
        },
        [&] { return "note the journal's newest time of " + entities.front(); });
}

void JournalWriter::copyKept() {
    if (copy_->rows() == 0) {
        return;
    }
    std::vector<std::string> keys;
    keys.swap(copy_keys_);  // a failed write fails the transaction: the rows are not tried again
    connection_.guard([&] { copy_->send(connection_.session()); },
                      [&] {
                          if (auto refused = copy_->refusedRow();
                              refused && *refused >= 1 && *refused <= keys.size()) {
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
