#include "adapters/crmdb/crm_connection.h"

#include <algorithm>
#include <bit>
#include <system_error>

#include <soci/soci.h>
#include <sqlite3.h>

#include "adapters/crmdb/column_text.h"
#include "adapters/crmdb/db_error.h"
#include "adapters/crmdb/lease_fence_check.h"
#include "adapters/crmdb/session_factory.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {
// The connection whose commit this thread is running (commitInBackground), if any: that
// thread uses the connection as its owner, without waiting for itself.
thread_local const CrmConnection* t_committing = nullptr;
// Inside a CrmConnection::BesideSibling scope.
thread_local bool t_beside_sibling = false;

// Runs `work` on a thread of its own, which uses `connection` as its owner meanwhile.
// Throws std::system_error when no thread is to be had.
template <typename Work>
std::future<void> runAsOwner(const CrmConnection* connection, Work work) {
    return std::async(std::launch::async, [connection, work = std::move(work)]() mutable {
        t_committing = connection;
        struct Leave {
            ~Leave() { t_committing = nullptr; }
        } leave;
        work();
    });
}
}  // namespace

CrmConnection::BesideSibling::BesideSibling() : was_(t_beside_sibling) { t_beside_sibling = true; }

CrmConnection::BesideSibling::~BesideSibling() { t_beside_sibling = was_; }

namespace {

enum RowStatementKind { kInsert, kUpdate, kSelect };

// Parameter kinds of appendJournalSql(dialect, rows): core::JournalEntry's fields, then `at`.
std::string journalParams(core::SqlDialect dialect, std::size_t rows) {
    std::string row = "ittittttttt";
    row.resize(journalColumns(dialect), 't');
    std::string all;
    for (std::size_t i = 0; i < rows; ++i) {
        all += row;
    }
    return all;
}

std::unique_ptr<WalCheckpointer> checkpointerFor(soci::session& session) {
    sqlite3* db = sqliteHandle(session);
    return db == nullptr ? nullptr : std::make_unique<WalCheckpointer>(db);
}

}  // namespace

CrmConnection::CrmConnection(DatabaseUrl url)
    : url_(std::move(url)),
      session_(openSession(url_)),
      checkpointer_(checkpointerFor(*session_)) {}

CrmConnection::~CrmConnection() {
    if (ahead_.valid()) {
        ahead_.wait();
    }
    settle();
    if (commit_failure_) {
        core::logger("crmdb")->error("a commit handed off on {} failed and nobody asked",
                                     url_.redacted);
    }
    begin_pending_ = false;
    if (in_transaction_) {
        rollback();
    }
    dropStatements();
}

void CrmConnection::dropStatements() {
    fixed_.fill(nullptr);
    by_row_.clear();
    by_sql_.clear();
}

PreparedStatement& CrmConnection::statement(const std::string& sql, std::string_view params,
                                            std::size_t columns) {
    ready();
    auto it = by_sql_.find(sql);
    if (it == by_sql_.end()) {
        it = by_sql_.emplace(sql, prepareStatement(*session_, sql, params, columns)).first;
    }
    return *it->second;
}

PreparedStatement& CrmConnection::fixed(FixedStatement which) {
    ready();
    auto& slot = fixed_[static_cast<std::size_t>(which)];
    if (slot != nullptr) {
        return *slot;
    }
    const auto d = dialect();
    switch (which) {
        case FixedStatement::FindBinding:
            slot = &statement(findBindingSql(), "tt", 4);
            break;
        case FixedStatement::SaveBinding:
        case FixedStatement::InsertBinding:
            slot = &statement(saveBindingSql(d, which == FixedStatement::InsertBinding
                                                    ? BindingWrite::Insert
                                                    : BindingWrite::Upsert),
                              transactionTimeParameter(d) ? "ttittt" "t" : "ttittt", 0);
            break;
        case FixedStatement::BindingHashes:
            slot = &statement(bindingLookupSql("content_hash", kHashLookupChunk),
                              std::string(kHashLookupChunk + 1, 't'), 2);
            break;
        case FixedStatement::BindingVersions:
            slot = &statement(bindingLookupSql("onec_version", kHashLookupChunk),
                              std::string(kHashLookupChunk + 1, 't'), 2);
            break;
        case FixedStatement::AppendJournal:
            slot = &statement(appendJournalSql(d, 1), journalParams(d, 1), 0);
            break;
        case FixedStatement::AppendJournalRows:
            slot = &statement(appendJournalSql(d, kJournalRowsPerInsert),
                              journalParams(d, kJournalRowsPerInsert), 0);
            break;
        case FixedStatement::AddQuarantine:
            slot = &statement(addQuarantineSql(), "itttittt", 0);
            break;
        case FixedStatement::FindOpenQuarantine:
            slot = &statement(findOpenQuarantineSql(), "ttt", 1);
            break;
        case FixedStatement::ResolveQuarantine:
            slot = &statement(resolveQuarantineSql(), "itt", 0);
            break;
        case FixedStatement::StartRun:
            slot = &statement(startRunSql(), "tt", 1);
            break;
        case FixedStatement::FinishRun:
            slot = &statement(finishRunSql(d), "ttiiiiiii", 0);
            break;
        case FixedStatement::SelectRun:
            slot = &statement(selectRunSql(d), "i", 13);
            break;
        case FixedStatement::Count:
            throw Error("CRM database: no such statement");
    }
    return *slot;
}

PreparedStatement& CrmConnection::rowStatement(const RowKey& key) {
    ready();
    auto it = by_row_.find(key);
    if (it != by_row_.end()) {
        return *it->second;
    }
    const auto& spec = *key.spec;
    std::size_t params = std::popcount(key.columns);
    PreparedStatement* prepared = nullptr;
    switch (key.kind) {
        case kInsert:
            prepared = &statement(insertRowSql(spec, key.columns, dialect()),
                                  std::string(params, 't'),
                                  dialect() == core::SqlDialect::Sqlite ? 0 : 1);
            break;
        case kUpdate:
            prepared =
                &statement(updateRowSql(spec, key.columns), std::string(params, 't') + "i", 0);
            break;
        default:
            prepared = &statement(selectRowSql(spec), "i", spec.columns.size() + 1);
            break;
    }
    by_row_.emplace(key, prepared);
    return *prepared;
}

PreparedStatement& CrmConnection::insertRow(const core::EntitySpec& spec, ColumnSet columns) {
    return rowStatement({&spec, columns, kInsert});
}

PreparedStatement& CrmConnection::updateRow(const core::EntitySpec& spec, ColumnSet columns) {
    return rowStatement({&spec, columns, kUpdate});
}

PreparedStatement& CrmConnection::selectRow(const core::EntitySpec& spec) {
    return rowStatement({&spec, 0, kSelect});
}

std::int64_t CrmConnection::sqliteLastInsertId() {
    sqlite3* db = sqliteHandle(*session_);
    if (db == nullptr) {
        throw Error("CRM database: last insert id asked of a connection that is not SQLite");
    }
    return sqlite3_last_insert_rowid(db);
}

namespace {
constexpr std::size_t kIdBlockMax = 4096;
}  // namespace

void CrmConnection::reserveIds(const core::EntitySpec& spec, IdBlock& block, std::size_t n) {
    BesideSibling beside;  // a sequence's values depend on no transaction
    guard(
        [&] {
            if (block.reserve_sql.empty()) {
                auto& name = statement("SELECT pg_get_serial_sequence(:p0, 'id')::regclass::oid",
                                       "t", 1);
                name.setText(0, quoted(spec.table));
                if (!name.executeOnce() || name.isNull(0)) {
                    throw Error("CRM database: table " + spec.table +
                                " has no sequence for its id");
                }
                block.reserve_sql = "SELECT nextval(" + name.text(0) +
                                    "::oid::regclass) FROM generate_series(1, :p0) "
                                    "ORDER BY 1 DESC";
            }
            // Handed out from the back in ascending order: the new, higher ids go in front.
            std::vector<std::int64_t> fresh;
            fresh.reserve(n + block.ids.size());
            auto& st = statement(block.reserve_sql, "i", 1);
            st.setInteger(0, static_cast<std::int64_t>(n));
            for (bool row = st.execute(); row; row = st.fetch()) {
                fresh.push_back(st.integer(0));
            }
            fresh.insert(fresh.end(), block.ids.begin(), block.ids.end());
            block.ids.swap(fresh);
        },
        [&] { return "reserve ids of " + spec.table; });
}

CrmConnection::IdBlock& CrmConnection::idBlock(const std::string& table) {
    return (id_owner_ != nullptr ? id_owner_->reserved_ids_ : reserved_ids_)[table];
}

std::int64_t CrmConnection::reserveId(const core::EntitySpec& spec) {
    IdBlock& block = idBlock(spec.table);
    if (block.ids.empty()) {
        const std::size_t n = block.next_size;
        block.next_size = std::min(kIdBlockMax, n * 4);
        reserveIds(spec, block, n);
    }
    std::int64_t id = block.ids.back();
    block.ids.pop_back();
    return id;
}

void CrmConnection::reserveIdsAhead(const core::EntitySpec& spec, std::size_t n) {
    IdBlock& block = idBlock(spec.table);
    if (block.ids.size() >= n) {
        return;
    }
    reserveIds(spec, block, std::max(n, std::min(kIdBlockMax, block.next_size)));
}

void CrmConnection::noteBulkWrites(
    const std::unordered_map<std::string, std::size_t>& sent) noexcept {
    constexpr std::size_t kAnalyzeAfter = 5000;
    for (const auto& [table, rows] : sent) {
        Growth& growth = growth_[table];
        growth.since_analyze += rows;
        if (growth.since_analyze < kAnalyzeAfter ||
            growth.since_analyze < growth.at_analyze * 3) {
            continue;
        }
        growth.at_analyze += growth.since_analyze;
        growth.since_analyze = 0;
        try {
            *session_ << ("ANALYZE " + quoted(table) +
                          (table == "binding" ? " (entity, onec_key, crm_id)" : " (id, active)"));
        } catch (const std::exception& e) {
            core::logger("crmdb")->warn("ANALYZE {} failed: {}", table, e.what());
        }
    }
}

void CrmConnection::begin(core::Durability durability) {
    const bool sibling_commits =
        sibling_ != nullptr && sibling_->in_flight_.valid() && !sibling_->commit_failure_;
    if (t_committing != this && (in_flight_.valid() || sibling_commits) && !commit_failure_) {
        // The commit in flight holds the connection: BEGIN goes out with the first statement
        // of this transaction (ready()), so that the caller can work in it meanwhile.
        if (begin_pending_) {
            throw Error("CRM database: a transaction is already open on this store (one at a time)");
        }
        begin_pending_ = true;
        pending_durability_ = durability;
        return;
    }
    ready();
    if (in_transaction_ || begin_pending_) {
        throw Error("CRM database: a transaction is already open on this store (one at a time)");
    }
    ensureConnected();
    sendBegin(durability);
}

void CrmConnection::sendBegin(core::Durability durability) {
    bool begun = false;
    try {
        *session_ << (dialect() == core::SqlDialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        begun = true;
        // crmsync's own writes are not CRM edits: the capture triggers skip a transaction
        // marked so (schema migration 3). A batch's commit does not wait for the WAL flush
        // (durability.h); set in the same statement, so it costs no round trip of its own.
        if (dialect() == core::SqlDialect::Sqlite) {
            *session_ << "INSERT INTO sync_writer (marker) VALUES (1)";
        } else if (durability == core::Durability::WithRunEnd) {
            *session_ << "SELECT set_config('crmsync.writer', 'on', true), "
                         "set_config('synchronous_commit', 'off', true)";
        } else {
            *session_ << "SELECT set_config('crmsync.writer', 'on', true)";
        }
    } catch (const soci::soci_error& e) {
        if (begun) {
            rollback();
        }
        fail(e, "begin transaction");
    }
    in_transaction_ = true;
    transaction_time_ = utcNowText();
}

void CrmConnection::commit() {
    ready();
    if (!fence_.claims.empty() && dialect() == core::SqlDialect::PostgreSql) {
        try {
            if (commitFenced(*this, fence_)) {
                in_transaction_ = false;
                return;
            }
        } catch (const soci::soci_error& e) {
            rollback();
            fail(e, "commit");
        } catch (...) {
            rollback();
            throw;
        }
    }
    if (!fence_.claims.empty()) {
        try {
            checkLeaseFence(*this, fence_);
        } catch (...) {
            rollback();
            throw;
        }
    }
    try {
        if (dialect() == core::SqlDialect::Sqlite) {
            *session_ << "DELETE FROM sync_writer";  // never visible outside this transaction
        }
        *session_ << "COMMIT";
    } catch (const soci::soci_error& e) {
        // A failed COMMIT leaves SQLite's transaction open; end it so the store stays usable.
        rollback();
        fail(e, "commit");
    }
    in_transaction_ = false;
}

void CrmConnection::rollback() noexcept {
    if (t_committing != this) {
        if (begin_pending_) {
            begin_pending_ = false;  // nothing of it was sent
            return;
        }
        waitQuietly();
        if (ahead_.valid()) {
            try {
                ahead_.get();
            } catch (const std::exception& e) {
                // The transaction is being dropped: what it failed with dies with it.
                core::logger("crmdb")->debug("writes sent ahead on {} failed: {}", url_.redacted,
                                             e.what());
            }
        }
    }
    in_transaction_ = false;
    if (broken_) {
        return;  // the server has dropped the transaction with the connection
    }
    try {
        *session_ << "ROLLBACK";
    } catch (const std::exception& e) {
        broken_ = broken_ || connectionBroken(*session_);
        core::logger("crmdb")->warn("rollback on {} failed: {}", url_.redacted, e.what());
    }
}

void CrmConnection::commitInBackground(std::function<void()> commit) {
    // The commit before (on either connection) has ended well, and this transaction's BEGIN
    // has gone out. Writes still going out ahead are the commit's thread's to wait for.
    std::future<void> ahead = std::move(ahead_);
    if (ahead.valid()) {
        settle();
        if (commit_failure_) {
            ahead.wait();
            throw PreviousCommitFailed(commit_failure_);
        }
        if (sibling_ != nullptr) {
            try {
                sibling_->awaitSibling();
            } catch (...) {
                ahead.wait();
                throw;
            }
        }
    } else {
        ready();
    }
    // Shared, so that it is still here to run when no thread can be had for it.
    auto run = std::make_shared<std::function<void()>>(
        [commit = std::move(commit),
         ahead = std::make_shared<std::future<void>>(std::move(ahead))]() mutable {
            if (ahead->valid()) {
                try {
                    ahead->get();
                } catch (...) {
                    // Their failure is this commit's; the transaction rolls back here, now.
                    std::exception_ptr failure = std::current_exception();
                    commit = nullptr;
                    std::rethrow_exception(failure);
                }
            }
            commit();
        });
    try {
        in_flight_ = runAsOwner(this, [run] { (*run)(); });
    } catch (const std::system_error&) {
        (*run)();  // no thread to be had: commit here and now
    }
}

void CrmConnection::runAhead(std::function<void()> work) {
    {
        BesideSibling beside;
        ready();  // sends the BEGIN put off while the sibling commits
    }
    try {
        ahead_ = runAsOwner(this, std::move(work));
    } catch (const std::system_error&) {
        // No thread to be had: the writes go at the commit, as without runAhead().
    }
}

void CrmConnection::joinAhead() {
    if (ahead_.valid()) {
        std::future<void> ahead = std::move(ahead_);
        ahead.get();
    }
}

void CrmConnection::awaitSibling() {
    if (!in_flight_.valid() && !commit_failure_) {
        return;
    }
    settle();
    if (commit_failure_) {
        throw PreviousCommitFailed(commit_failure_);  // left for awaitCommit() to take
    }
}

void CrmConnection::pairWith(CrmConnection& other) {
    sibling_ = &other;
    other.sibling_ = this;
    other.id_owner_ = this;
    other.fence_ = fence_;
}

void CrmConnection::unpair() {
    if (sibling_ != nullptr) {
        sibling_->waitQuietly();
        if (sibling_->ahead_.valid()) {
            sibling_->ahead_.wait();
        }
        sibling_->sibling_ = nullptr;
        sibling_->id_owner_ = nullptr;
        sibling_ = nullptr;
    }
}

void CrmConnection::awaitCommit() {
    if (t_committing == this) {
        return;
    }
    settle();
    if (commit_failure_) {
        std::exception_ptr failure;
        failure.swap(commit_failure_);
        throw PreviousCommitFailed(failure);
    }
}

void CrmConnection::settle() noexcept {
    if (!in_flight_.valid()) {
        return;
    }
    try {
        in_flight_.get();
    } catch (...) {
        commit_failure_ = std::current_exception();
    }
    in_flight_bindings_.reset();
}

void CrmConnection::waitQuietly() noexcept {
    if (in_flight_.valid()) {
        in_flight_.wait();  // the result stays for settle()
    }
}

void CrmConnection::ready() {
    if (t_committing == this) {
        return;  // the commit worker itself
    }
    settle();
    if (commit_failure_) {
        throw PreviousCommitFailed(commit_failure_);
    }
    joinAhead();
    if (sibling_ != nullptr && !t_beside_sibling) {
        sibling_->awaitSibling();
    }
    if (begin_pending_) {
        begin_pending_ = false;
        ensureConnected();
        sendBegin(pending_durability_);
    }
}

void CrmConnection::ensureConnected() {
    if (t_committing != this && (in_flight_.valid() || commit_failure_)) {
        ready();
    }
    if (!broken_) {
        return;
    }
    core::logger("crmdb")->warn("reconnecting to {}", url_.redacted);
    dropStatements();
    checkpointer_.reset();
    try {
        session_->reconnect();
        applySessionSettings(*session_, url_);
        checkpointer_ = checkpointerFor(*session_);
    } catch (const soci::soci_error& e) {
        throwDbError(*session_, e, "reconnect to " + url_.redacted);
    }
    broken_ = false;
}

void CrmConnection::fail(const soci::soci_error& error, const std::string& context) {
    if (connectionBroken(*session_)) {
        broken_ = true;
    }
    throwDbError(*session_, error, context);
}

void CrmConnection::requireNoTransaction(const char* what) {
    ready();
    if (in_transaction_) {
        throw Error(std::string("CRM database: cannot ") + what +
                    " inside a transaction: it commits on its own");
    }
}

}  // namespace crmsync::crmdb
