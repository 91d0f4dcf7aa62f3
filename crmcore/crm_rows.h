#pragma once
// The engine's port to the rows of the CRM tables, inside one transaction. The engine never
// sees SQL: a row is its columns as canonical text (entity_catalog.h).
#include <cstdint>
#include <optional>
#include <vector>

#include "crmcore/entity_catalog.h"

namespace crmsync::core {

// Every method throws crmsync::ExternalUnavailable when the database is lost and
// crmsync::Error for anything else (a column the entity lacks, a value its column cannot hold,
// a row that does not exist, a transaction already committed).
class CrmRows {
public:
    virtual ~CrmRows() = default;

    // Inserts a row with the given columns (others NULL) and returns its CRM id. Honours an
    // "active" value in `values` (a row deleted in 1C arrives as 0); without one it is active.
    virtual std::int64_t insert(const EntitySpec& entity, const Row& values) = 0;
    // Every column of the entity in catalog order, then "active".
    virtual Row read(const EntitySpec& entity, std::int64_t id) = 0;
    // The same, or nullopt when the row does not exist (deleted by the CRM).
    virtual std::optional<Row> tryRead(const EntitySpec& entity, std::int64_t id) = 0;
    // Writes the given columns (may include "active") of one existing row.
    virtual void update(const EntitySpec& entity, std::int64_t id, const Row& values) = 0;
    // Ids of the active rows whose columns all equal `match`, in id order: how a mapping's
    // <lookup> finds a counterparty by ИНН and КПП. A null value matches NULL or empty text; a
    // value that cannot be stored in its column (text in a decimal) matches nothing. Throws
    // for an empty `match`.
    virtual std::vector<std::int64_t> findIds(const EntitySpec& entity, const Row& match) = 0;
};

}  // namespace crmsync::core
