#pragma once
// One of the store's database connections and everything prepared on it (on PostgreSQL a
// store pairs a second one with its first for batches: pairWith()). Shared by the store and
// its open transaction; not thread safe (one store per thread, as the port says).
#include <array>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <soci/error.h>
#include <soci/session.h>

#include "adapters/crmdb/crm_sql.h"
#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/prepared_statement.h"
#include "adapters/crmdb/wal_checkpointer.h"
#include "crmcore/binding.h"
#include "crmcore/durability.h"
#include "crmcore/job_leases.h"

namespace crmsync::crmdb {

// Statements with fixed text, prepared on first use.
enum class FixedStatement {
    FindBinding,
    SaveBinding,
    InsertBinding,
    BindingHashes,
    BindingVersions,
    AppendJournal,
    AppendJournalRows,
    AddQuarantine,
    FindOpenQuarantine,
    ResolveQuarantine,
    StartRun,
    FinishRun,
    SelectRun,
    Count
};

// Keys per bindingHashes() and bindingVersions() statement: the IN list is always this long (a short last chunk is
// padded with a repeated key) so one prepared statement serves every call.
inline constexpr std::size_t kHashLookupChunk = 500;

// Journal rows per AppendJournalRows statement (journal_writer.h).
inline constexpr std::size_t kJournalRowsPerInsert = 64;

class CrmConnection {
public:
    // Opens the session; throws ExternalUnavailable when the database cannot be reached.
    explicit CrmConnection(DatabaseUrl url);
    ~CrmConnection();
    CrmConnection(const CrmConnection&) = delete;
    CrmConnection& operator=(const CrmConnection&) = delete;

    soci::session& session() {
        ready();
        return *session_;
    }
    core::SqlDialect dialect() const { return url_.dialect(); }
    const DatabaseUrl& url() const { return url_; }

    PreparedStatement& fixed(FixedStatement which);
    // Row statements, cached by (entity, column set): a call builds no SQL once warmed up.
    PreparedStatement& insertRow(const core::EntitySpec& spec, ColumnSet columns);
    PreparedStatement& updateRow(const core::EntitySpec& spec, ColumnSet columns);
    PreparedStatement& selectRow(const core::EntitySpec& spec);
    // Any other statement, prepared once per SQL text.
    PreparedStatement& statement(const std::string& sql, std::string_view params,
                                 std::size_t columns);

    // The rowid of the row the last successful INSERT on this SQLite connection added; SOCI's
    // get_last_insert_id() runs a query on sqlite_sequence for the same answer.
    std::int64_t sqliteLastInsertId();

    // PostgreSQL: a fresh id of `spec`'s table from its sequence, reserved in blocks that
    // grow to kIdBlockMax, so that an insert need not wait for the server (pg_write_buffer.h).
    // A sequence never hands a value out twice, so a block outlives a rolled-back transaction;
    // what is left of it when the store closes is a gap in the ids, as a rollback leaves.
    std::int64_t reserveId(const core::EntitySpec& spec);
    // Makes sure at least `n` ids of `spec`'s table are reserved.
    void reserveIdsAhead(const core::EntitySpec& spec, std::size_t n);

    // PostgreSQL, after a commit: counts the rows a transaction sent to each table, and runs
    // ANALYZE on a table whose rows grew fourfold since the last one, so that a re-import
    // right after a first import is not planned on the statistics of an empty table
    // (autovacuum's analyze comes a minute later at best). Only the columns crmsync's own
    // queries filter and join on are analyzed: the row count comes with any ANALYZE, and the
    // wide ones (a binding's snapshot, a product's description) made a 100,000-product
    // import spend 3 s of server time in ANALYZE. Failures are logged only.
    void noteBulkWrites(const std::unordered_map<std::string, std::size_t>& sent) noexcept;

    // The engine's transaction. SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE): a
    // deferred transaction that reads first and writes later can fail with SQLITE_BUSY
    // whatever the busy timeout when another process wrote in between. On PostgreSQL a
    // transaction durable WithRunEnd commits with synchronous_commit off (crm_store.h).
    void begin(core::Durability durability);
    // With a fence set (setFence), first checks in the same transaction that its leases are
    // still held (lease_fence_check.h); a lost one rolls back and throws crmsync::LeaseLost.
    void commit();
    // Every commit from now on checks `fence`; an empty one (no claims) checks nothing.
    void setFence(core::LeaseFence fence) {
        waitQuietly();  // the commit in flight reads the fence it was sent with
        fence_ = std::move(fence);
    }
    // Never throws: it runs from destructors. A failure is logged.
    void rollback() noexcept;

    // PostgreSQL (SociCrmStore::commitInBackground): runs `commit`, a transaction's commit(),
    // on a thread of its own and returns; the connection is that thread's until it ends. The
    // store's thread may begin() the next transaction meanwhile: its BEGIN waits (ready()).
    void commitInBackground(std::function<void()> commit);
    // Waits for the commit in flight. Its failure is thrown as crmsync::PreviousCommitFailed,
    // here once and then no more; until then by every use of the connection (ready()).
    void awaitCommit();
    bool commitInFlight() const { return in_flight_.valid(); }

    // PostgreSQL, two connections of one store (SociCrmStore::beginBatch): while one commits a
    // batch in the background, the next batch is mapped on the other. Each use of either from
    // the store's thread first waits for the other's commit in flight (and throws its failure
    // as PreviousCommitFailed, leaving it for awaitCommit()), so that what it reads or writes
    // follows that commit, except what a BesideSibling scope allows. Ids are reserved for
    // both from this connection's blocks.
    void pairWith(CrmConnection& other);
    void unpair();
    CrmConnection* sibling() const { return sibling_; }
    // On this thread, for its life: uses of the connection do not wait for the sibling's
    // commit in flight. For what cannot depend on it: reserving ids, a binding lookup that
    // the committing transaction's own bindings complete (inFlightBindings()), and the
    // writes sent ahead (runAhead()).
    class BesideSibling {
    public:
        BesideSibling();
        ~BesideSibling();
        BesideSibling(const BesideSibling&) = delete;
        BesideSibling& operator=(const BesideSibling&) = delete;

    private:
        bool was_;
    };
    // The bindings the transaction committing on this connection wrote, while it is in
    // flight and when it wrote every one of them through its write buffer; else null.
    const std::unordered_map<std::string, core::Binding>* inFlightBindings() const {
        return in_flight_.valid() ? in_flight_bindings_.get() : nullptr;
    }
    void setInFlightBindings(
        std::shared_ptr<const std::unordered_map<std::string, core::Binding>> bindings) {
        in_flight_bindings_ = std::move(bindings);
    }
    // Runs `work` (sending the open transaction's kept writes) on a thread of its own, which
    // holds the connection until it ends; the BEGIN it needs goes out first, here. The next
    // use of the connection from the store's thread waits for it and throws its failure as
    // it is (the open transaction's own); commitInBackground() hands it to the commit's
    // thread instead, whose commit then fails with it.
    void runAhead(std::function<void()> work);
    bool aheadRunning() const { return ahead_.valid(); }
    // When the open transaction began, UTC "YYYY-MM-DDThh:mm:ss.mmmZ": the time of every row
    // it writes where transactionTimeParameter() (crm_sql.h) holds.
    const std::string& transactionTime() const { return transaction_time_; }

    // Reconnects when an earlier failure left the connection broken, dropping every prepared
    // statement (they died with the old connection). Called at the start of each store call
    // and transaction, so the daemon recovers from a database restart by itself.
    void ensureConnected();

    // Rethrows a SOCI failure as crmsync's (db_error.h), remembering a lost connection.
    [[noreturn]] void fail(const soci::soci_error& error, const std::string& context);

    // Runs `work` and returns what it returns; a SOCI failure becomes crmsync's (fail()) with
    // the context `what()` makes. `what` runs only on failure: the hot paths, a lookup per
    // record, build no message text.
    template <typename Work, typename What>
    decltype(auto) guard(Work&& work, What&& what) {
        try {
            return work();
        } catch (const soci::soci_error& e) {
            fail(e, what());
        }
    }

    // Throws crmsync::Error when a transaction is open: `what` ("start a run") commits on its
    // own, and that transaction's rollback would take its write with it.
    void requireNoTransaction(const char* what);

private:
    struct RowKey {
        const core::EntitySpec* spec;
        ColumnSet columns;
        int kind;
        bool operator==(const RowKey&) const = default;
    };
    struct RowKeyHash {
        std::size_t operator()(const RowKey& k) const {
            return std::hash<const void*>()(k.spec) ^ (std::hash<ColumnSet>()(k.columns) * 31) ^
                   static_cast<std::size_t>(k.kind);
        }
    };

    PreparedStatement& rowStatement(const RowKey& key);
    void dropStatements();
    void sendBegin(core::Durability durability);
    // Before each use of the connection from the store's thread: waits for the commit in
    // flight (a failure is thrown as PreviousCommitFailed until awaitCommit() takes it), then
    // sends the BEGIN that begin() put off meanwhile. A no-op on the commit's own thread.
    void ready();
    void settle() noexcept;       // the commit in flight has ended; its failure kept
    void joinAhead();             // the writes sent ahead have gone out; rethrows their failure
    void awaitSibling();          // the sibling's commit in flight has ended (ready())
    void waitQuietly() noexcept;  // the commit in flight has ended; its result left for settle()
    struct IdBlock;
    void reserveIds(const core::EntitySpec& spec, IdBlock& block, std::size_t n);

    DatabaseUrl url_;
    std::unique_ptr<soci::session> session_;
    // SQLite only: checkpoints off the committing thread. Goes before the session it hooks.
    std::unique_ptr<WalCheckpointer> checkpointer_;
    // Declared after the session: statements must go before the connection they live on.
    std::unordered_map<std::string, std::unique_ptr<PreparedStatement>> by_sql_;
    std::unordered_map<RowKey, PreparedStatement*, RowKeyHash> by_row_;
    std::array<PreparedStatement*, static_cast<std::size_t>(FixedStatement::Count)> fixed_{};
    bool in_transaction_ = false;
    std::string transaction_time_;
    core::LeaseFence fence_;
    bool broken_ = false;
    std::future<void> in_flight_;         // commitInBackground's
    std::exception_ptr commit_failure_;   // its failure, until awaitCommit() throws it
    bool begin_pending_ = false;          // begin() while a commit was in flight
    core::Durability pending_durability_ = core::Durability::AtCommit;  // that begin()'s
    struct IdBlock {
        std::vector<std::int64_t> ids;  // reserved, handed out from the back
        std::size_t next_size = 16;
        // The statement that reserves a block, naming the table's sequence as a constant:
        // nextval(pg_get_serial_sequence(..)) looked the sequence up again for every id, seven
        // times the cost of nextval itself.
        std::string reserve_sql;
    };
    std::unordered_map<std::string, IdBlock> reserved_ids_;  // by table
    IdBlock& idBlock(const std::string& table);
    CrmConnection* sibling_ = nullptr;
    CrmConnection* id_owner_ = nullptr;  // whose reserved_ids_ this one hands out (pairWith)
    std::future<void> ahead_;            // runAhead's
    std::shared_ptr<const std::unordered_map<std::string, core::Binding>> in_flight_bindings_;
    struct Growth {
        std::size_t since_analyze = 0;
        std::size_t at_analyze = 0;
    };
    std::unordered_map<std::string, Growth> growth_;  // by table
};

}  // namespace crmsync::crmdb
