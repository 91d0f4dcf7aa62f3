#pragma once
// The CRM domain as data: every entity crmsync exchanges, the table that holds it and its
// columns. The schema migrations create exactly these columns (a test checks it), the field
// assignments target them, and the CRM store builds its statements from them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crmsync::core {

enum class ColumnType {
    Text,
    Integer,
    Decimal,    // exact: NUMERIC on PostgreSQL, canonical decimal text on SQLite
    Boolean,    // stored as 0/1 on both databases
    Json,       // JSON text
    Timestamp,  // ISO-8601 text "YYYY-MM-DDThh:mm:ss" on SQLite, TIMESTAMP on PostgreSQL
    Reference,  // the CRM id of a row of another entity
};

struct ColumnSpec {
    std::string name;
    ColumnType type = ColumnType::Text;
    std::string references;  // entity name, for Reference columns
    bool operator==(const ColumnSpec&) const = default;
};

// Every CRM table also has `id` (integer primary key, the CRM key) and `active` (0/1): crmsync
// never deletes a row, it deactivates it.
struct EntitySpec {
    std::string name;   // as in the journal: "product", "order", ...
    std::string table;  // "product", "sales_order", ...
    std::vector<ColumnSpec> columns;

    const ColumnSpec* column(std::string_view column_name) const;
};

const std::vector<EntitySpec>& entityCatalog();
// The names of entityCatalog(), in its order.
std::vector<std::string> entityNames();

// Most columns one entity may have: the store names a row's columns by the bits of a 64-bit
// word, one of which stands for `active`.
inline constexpr std::size_t kMaxEntityColumns = 63;

// `base` plus columns an admin added to its table (appended after the catalog's, in the order
// given). Interned: equal requests return the same object, which lives as long as the process,
// so the store may key its prepared statements on the spec's address even after the mapping
// that asked for it is replaced. Thread safe. Throws crmsync::Error when a name is already a
// column of `base` or the total exceeds kMaxEntityColumns.
const EntitySpec& extendedEntitySpec(const EntitySpec& base, const std::vector<ColumnSpec>& extra);

// Throws crmsync::Error naming the valid entities when `name` is unknown.
const EntitySpec& entitySpec(std::string_view name);
const EntitySpec* findEntitySpec(std::string_view name);
// The entity held by `table` ("sales_order" -> order); null when no entity is.
const EntitySpec* findEntitySpecByTable(std::string_view table);

// A row as column -> text (nullopt = SQL NULL). Text is the exchange form for every column
// type: decimals canonical, booleans "0"/"1", references the CRM id.
struct ColumnValue {
    std::string column;
    std::optional<std::string> text;
    bool operator==(const ColumnValue&) const = default;
};
using Row = std::vector<ColumnValue>;

const ColumnValue* findColumn(const Row& row, std::string_view column);

}  // namespace crmsync::core
