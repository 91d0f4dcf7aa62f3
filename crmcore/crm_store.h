#pragma once
// The port through which the sync engine reads and writes the CRM database. Implemented by
// adapters/crmdb (SQLite and PostgreSQL through SOCI); the engine never sees SQL.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/entity_catalog.h"

namespace crmsync::core {

// 1C key <-> CRM key, with what was last synced (the merge base).
struct Binding {
    std::string entity;
    std::string onec_key;
    std::int64_t crm_id = 0;
    std::string content_hash;  // contentHash() of the last applied record; "" forces a re-apply
    std::string snapshot;      // JSON object of the CRM columns as last synced
    std::string onec_version;  // 1C НомерВерсии / DataVersion, when known
};

struct JournalEntry {
    std::int64_t run_id = 0;
    std::string entity;
    std::string onec_key;
    std::int64_t crm_id = 0;
    std::string origin;  // "1c", "crm" or "person"
    // "insert", "update", "link" (a new 1C key bound to an existing row), "deactivate"
    std::string op;
    std::string before;  // JSON object of the changed columns before ("{}" for an insert)
    std::string after;   // JSON object of the changed columns after
    std::string policy;  // conflict policy applied, "" when there was no conflict
    std::string mapping_version;
    std::string lineage;  // "file:line", or the URL and version it came from
};

struct JournalRow : JournalEntry {
    std::int64_t seq = 0;
    std::string at;  // UTC, "YYYY-MM-DDThh:mm:ss.mmmZ"
};

struct JournalQuery {
    std::optional<std::string> entity;
    std::optional<std::string> onec_key;
    std::optional<std::int64_t> run_id;
};

struct QuarantineEntry {
    std::int64_t run_id = 0;
    std::string entity;
    std::string onec_key;
    std::string source_file;
    std::size_t source_line = 0;
    std::string reason;
    std::string record_json;  // the record as received
    std::string content_hash; // core::contentHash of that record
};

struct QuarantineRow : QuarantineEntry {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> resolved_run_id;  // the run that applied the key; nullopt: open
};

struct RunCounts {
    std::int64_t read = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t deactivated = 0;
    std::int64_t quarantined = 0;
    bool operator==(const RunCounts&) const = default;
    RunCounts& operator+=(const RunCounts& part) {
        read += part.read;
        inserted += part.inserted;
        updated += part.updated;
        unchanged += part.unchanged;
        deactivated += part.deactivated;
        quarantined += part.quarantined;
        return *this;
    }
};

struct RunRow {
    std::int64_t id = 0;
    std::string kind;
    std::string input;
    std::string status;  // "running", "succeeded", "failed"
    std::string error;
    std::string started_at;
    std::string finished_at;
    RunCounts counts;
};

// An order as the sale exchange sends it to 1C (mode=query): the CRM rows and the 1C keys
// they are known by. A key is "" while the row was never exchanged with 1C.
struct OrderDocumentData {
    struct Line {
        std::int64_t id = 0;
        std::string onec_key;
        std::string product_key;  // 1C key of the product: product_key column, else its binding
        Row row;                  // every order_line column
    };
    std::int64_t order_id = 0;
    std::string onec_key;
    Row order;  // every sales_order column plus "active"
    std::int64_t counterparty_id = 0;  // 0 when the order has none
    std::string counterparty_key;
    Row counterparty;
    std::vector<Line> lines;   // by line_no, then id
    std::string acked_hash;    // state 1C acknowledged last; "" when never
    bool exchanged = false;    // the sale exchange has seen this order before
};

// One open database transaction. Destroying it without commit() rolls everything back.
// Not thread safe; one transaction per thread.
class CrmTransaction {
public:
    virtual ~CrmTransaction() = default;

    // The binding of a 1C key, if any.
    virtual std::optional<Binding> findBinding(const std::string& entity,
                                               const std::string& onec_key) = 0;
    // The binding of a CRM row, if any (UNIQUE (entity, crm_id): at most one). Turns a CRM id
    // back into its 1C key, and tells a row the CRM made from one 1C already sent.
    virtual std::optional<Binding> findBindingOfRow(const std::string& entity,
                                                    std::int64_t crm_id) = 0;
    // Ids of every active row of `entity`, in id order: what a push to 1C goes through.
    virtual std::vector<std::int64_t> activeRowIds(const EntitySpec& entity) = 0;
    // Inserts an active row with the given columns (others NULL) and returns its CRM id.
    virtual std::int64_t insertRow(const EntitySpec& entity, const Row& values) = 0;
    // Every column of the entity plus "active", as stored. Throws when the row does not exist.
    virtual Row readRow(const EntitySpec& entity, std::int64_t id) = 0;
    // Ids of the active rows of `entity` whose columns all equal `match`, in id order: how a
    // mapping's <lookup> finds a counterparty by ИНН and КПП. A null value matches NULL or
    // empty text; a value that cannot be stored in its column (text in a decimal) matches
    // nothing. Throws crmsync::Error for a column the entity lacks or an empty `match`.
    virtual std::vector<std::int64_t> findRowIds(const EntitySpec& entity, const Row& match) = 0;
    // Writes the given columns (may include "active") of one row.
    virtual void updateRow(const EntitySpec& entity, std::int64_t id, const Row& values) = 0;
    // Inserts or replaces the binding of (entity, onec_key).
    virtual void saveBinding(const Binding& binding) = 0;
    // Forgets the binding of (entity, onec_key), if any: a pushed document's lines are bound
    // anew by position, and a position may now hold another CRM line.
    virtual void deleteBinding(const std::string& entity, const std::string& onec_key) = 0;
    // The 1C key and CRM id of every binding of `entity` whose CRM row is active, in no
    // particular order, streamed: a full catalog has hundreds of thousands. `visit` must not
    // call this transaction (the query is still running).
    virtual void visitActiveBindings(
        const EntitySpec& entity,
        const std::function<void(const std::string& onec_key, std::int64_t crm_id)>& visit) = 0;
    virtual void appendJournal(const JournalEntry& entry) = 0;
    // Records a refused record. Returns false, writing nothing, when an open entry for the same
    // entity, key and content hash exists: 1C re-sends the same bad record at every exchange.
    virtual bool addQuarantine(const QuarantineEntry& entry) = 0;
    // Closes the open quarantine entries of a key that `run_id` has now applied.
    virtual void resolveQuarantine(const std::string& entity, const std::string& onec_key,
                                   std::int64_t run_id) = 0;
    virtual void commit() = 0;
};

// The CRM database. Methods throw crmsync::ExternalUnavailable when the database cannot be
// reached and crmsync::Error for anything else. One instance per thread.
class CrmStore {
public:
    virtual ~CrmStore() = default;

    virtual std::unique_ptr<CrmTransaction> begin() = 0;

    // Content hashes of the bindings of `keys` (absent keys are left out), read outside any
    // transaction: lets the engine drop unchanged records before it writes anything.
    virtual std::vector<std::pair<std::string, std::string>> bindingHashes(
        const std::string& entity, const std::vector<std::string>& keys) = 0;
    // 1C versions (Binding::onec_version) of the bindings of `keys`, the same way: lets an
    // incremental pull fetch only the objects whose version moved.
    virtual std::vector<std::pair<std::string, std::string>> bindingVersions(
        const std::string& entity, const std::vector<std::string>& keys) = 0;
    // The greatest 1C version among the bindings of `entity` ("" when none): for a register,
    // whose versions are the Periods of its records, the point a pull can go on from.
    virtual std::string latestBindingVersion(const std::string& entity) = 0;
    // Whether `entity` has any binding: a first import, which has none, need not look its keys
    // up one batch at a time.
    virtual bool hasBindings(const std::string& entity) = 0;

    // Runs are committed on their own, so a failed run still leaves its row and error behind.
    virtual std::int64_t startRun(const std::string& kind, const std::string& input) = 0;
    virtual void finishRun(std::int64_t run_id, const std::string& status, const RunCounts& counts,
                           const std::string& error) = 0;
    virtual std::optional<RunRow> run(std::int64_t run_id) = 0;

    // Journal rows in sequence order.
    virtual void readJournal(const JournalQuery& query,
                             const std::function<void(const JournalRow&)>& visit) = 0;
    virtual std::vector<QuarantineRow> quarantine(std::optional<std::int64_t> run_id) = 0;
    // (entity, 1C key) of every open quarantine entry: usually few, so the engine keeps them in
    // memory and pays for resolution only on those keys.
    virtual std::vector<std::pair<std::string, std::string>> openQuarantineKeys() = 0;

    // --- 1C exchange-with-site state (schema version 2) ---------------------------------------
    // The run that imported the file with this SHA-256 digest in full, if any.
    virtual std::optional<std::int64_t> fileImportRun(const std::string& digest) = 0;
    virtual void recordFileImported(const std::string& digest, const std::string& name,
                                    std::int64_t run_id) = 0;
    // Up to `limit` orders with id > after_id, by id, with their lines and counterparty.
    virtual std::vector<OrderDocumentData> ordersAfter(std::int64_t after_id,
                                                       std::size_t limit) = 0;
    virtual std::vector<OrderDocumentData> ordersById(const std::vector<std::int64_t>& ids) = 0;
    // Orders whose header or lines `run_id` wrote.
    virtual std::vector<std::int64_t> ordersTouchedByRun(std::int64_t run_id) = 0;
    // In one transaction: binds the rows of each order under the keys given (where not bound
    // yet), remembers `hash` as sent in `batch`, and journals op "export" per order.
    virtual void recordOrdersSent(std::int64_t run_id, const std::string& batch,
                                  const std::vector<std::pair<OrderDocumentData, std::string>>&
                                      orders_and_hashes) = 0;
    // In one transaction: what `batch` sent becomes acknowledged, journalled as op "ack";
    // returns how many orders that was (0 for an unknown or already acknowledged batch).
    virtual std::size_t acknowledgeOrders(std::int64_t run_id, const std::string& batch) = 0;
    // Records states 1C already has (orders it sent us) as acknowledged, without a journal row.
    virtual void recordOrdersKnownToOneC(
        const std::vector<std::pair<std::int64_t, std::string>>& ids_and_hashes) = 0;
};

}  // namespace crmsync::core
