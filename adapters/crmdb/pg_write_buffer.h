#pragma once
// PostgreSQL only: the CRM rows and bindings one transaction writes, kept in memory and sent in
// a constant number of statements per batch instead of one round trip per row. SOCI 4.0.3 runs
// even its vector binds as one PQexecPrepared per row, so a 100,000-product import on PostgreSQL
// spent nearly all its time waiting for the server. Rows are sent as one
// INSERT .. SELECT FROM unnest(arrays) per run of rows with the same table and columns, the
// bindings of keys found unbound by one COPY and the others as one unnest upsert; a new row's
// id is reserved from its table's sequence ahead (CrmConnection::reserveId), so insert() can
// return it without asking the server.
//
// Reads stay exact: every read of a CRM table inside the transaction flushes first (the ports
// call flush()), a binding lookup sees the kept bindings, and a row that refers to a kept row
// of another run flushes before it is kept, so the foreign keys hold in statement order.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "adapters/crmdb/crm_sql.h"
#include "crmcore/binding.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::crmdb {

class CrmConnection;

class PgWriteBuffer {
public:
    explicit PgWriteBuffer(CrmConnection& connection) : connection_(connection) {}

    // Keeps a row to insert with id `id`; `params` are its values in parameter order of
    // insertRowSql() ("active" first when `columns` has it, then catalog order); `references`
    // are the (entity, CRM id) it refers to: when one is a kept row of another run, everything
    // kept is flushed first.
    void insert(const core::EntitySpec& spec, ColumnSet columns, std::int64_t id,
                std::vector<std::optional<std::string>> params,
                const std::vector<std::pair<std::string_view, std::int64_t>>& references);
    // Whether `id` is the id of a kept row (of any table: a false positive only flushes).
    bool pending(std::int64_t id) const { return pending_ids_.count(id) != 0; }

    // Keeps a binding to write. `known_unbound`: the transaction found the key unbound, so it
    // goes out by COPY, which a binding made meanwhile by another writer makes fail (as a
    // PRIMARY KEY violation) where the upsert of the others would overwrite it.
    void saveBinding(const core::Binding& binding, bool known_unbound);
    // The kept binding of (entity, key), or null.
    const core::Binding* binding(const std::string& entity, const std::string& key) const;
    void forgetBinding(const std::string& entity, const std::string& key);
    // A binding of this transaction written or deleted by a statement of its own, not kept.
    void noteDirectBindingWrite() { direct_binding_writes_ = true; }

    // Whether the kept writes may go out while the sibling connection's commit is in flight
    // (SociCrmStore::sendAhead): rows with fresh ids and bindings of keys known unbound only,
    // which no row lock of an older transaction can be waiting for.
    bool onlyNewKept() const;
    // Every binding this transaction wrote, kept or sent, by slot (bindingSlot()); null when
    // one was written or deleted directly. Lets the next batch's lookups see them while this
    // transaction commits on the sibling connection.
    std::shared_ptr<const std::unordered_map<std::string, core::Binding>> writtenBindings() const;
    static std::string bindingSlot(const std::string& entity, const std::string& key);

    bool empty() const { return runs_.empty() && bindings_.empty(); }
    // Sends everything kept, rows first in the order their runs began, then the bindings.
    // Throws as CrmConnection::fail() does, naming the table and the first and last 1C-side
    // row of the failed statement; the transaction is then to be rolled back.
    void flush();

    // Rows and bindings sent so far, by table: the store refreshes the planner's statistics
    // after a bulk load (CrmConnection::noteBulkWrites).
    const std::unordered_map<std::string, std::size_t>& sent() const { return sent_; }
    // Rows kept or sent for insertion so far, by entity.
    const std::unordered_map<const core::EntitySpec*, std::size_t>& inserted() const {
        return inserted_;
    }

private:
    struct Run {
        const core::EntitySpec* spec = nullptr;
        ColumnSet columns = 0;
        std::vector<std::int64_t> ids;
        // One array per parameter, each value in the order of `ids`.
        std::vector<std::vector<std::optional<std::string>>> values;
    };
    struct RunKey {
        const core::EntitySpec* spec;
        ColumnSet columns;
        bool operator==(const RunKey&) const = default;
    };
    struct RunKeyHash {
        std::size_t operator()(const RunKey& k) const {
            return std::hash<const void*>()(k.spec) ^ (std::hash<ColumnSet>()(k.columns) * 31);
        }
    };

    void flushRun(const Run& run);
    void flushBindings();
    void upsertBindings(const std::vector<const core::Binding*>& bindings);
    void copyBindings(const std::vector<const core::Binding*>& bindings);

    CrmConnection& connection_;
    std::vector<Run> runs_;
    std::unordered_map<RunKey, std::size_t, RunKeyHash> run_of_;
    std::unordered_set<std::int64_t> pending_ids_;
    std::vector<core::Binding> bindings_;
    // Per kept binding, whether its first save since the last flush knew the key unbound.
    std::vector<char> unbound_;
    std::unordered_map<std::string, std::size_t> binding_of_;  // entity + '\0' + key
    std::unordered_map<std::string, std::size_t> sent_;
    std::unordered_map<const core::EntitySpec*, std::size_t> inserted_;
    std::vector<core::Binding> sent_bindings_;  // for writtenBindings()
    bool direct_binding_writes_ = false;
};

// A PostgreSQL array literal of `values` (NULL for nullopt), for CAST(:p AS type[]).
std::string pgArrayLiteral(const std::vector<std::optional<std::string>>& values);

}  // namespace crmsync::crmdb
