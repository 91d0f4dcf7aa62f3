#pragma once
// core::CrmRows over SOCI, inside one transaction. Values travel as text; decimals are checked
// and stored canonical on both databases, and timestamps canonical on SQLite (PostgreSQL's
// TIMESTAMP parses them itself). Every statement is prepared once per connection
// (CrmConnection), so each call only binds and executes.
#include <cstddef>
#include <vector>

#include "adapters/crmdb/transaction_scope.h"
#include "crmcore/crm_rows.h"

namespace crmsync::crmdb {

class SociCrmRows final : public core::CrmRows {
public:
    explicit SociCrmRows(TransactionScope& scope) : scope_(scope) {}

    std::int64_t insert(const core::EntitySpec& entity, const core::Row& values) override;
    // Catalog columns in catalog order, then "active"; canonical text (column_text.h).
    core::Row read(const core::EntitySpec& entity, std::int64_t id) override;
    std::optional<core::Row> tryRead(const core::EntitySpec& entity, std::int64_t id) override;
    void update(const core::EntitySpec& entity, std::int64_t id,
                const core::Row& values) override;
    std::vector<std::int64_t> findIds(const core::EntitySpec& entity,
                                      const core::Row& match) override;

private:
    CrmConnection& connection() { return scope_.connection(); }
    // Which columns `values` writes, and for each value its parameter slot (in slots_).
    ColumnSet resolve(const core::EntitySpec& spec, const core::Row& values);
    void bindValues(PreparedStatement& statement, const core::EntitySpec& spec,
                    const core::Row& values);

    // The text to store for a non-null value of a catalog column (decimals canonical).
    std::string checkedText(const core::EntitySpec& spec, std::size_t value,
                            const core::Row& values);
    // PostgreSQL: reserves the row's id and keeps the row for the next flush.
    std::int64_t keepInsert(PgWriteBuffer& writes, const core::EntitySpec& entity, ColumnSet set,
                            const core::Row& values);

    TransactionScope& scope_;
    std::vector<std::pair<std::string_view, std::int64_t>> references_;
    std::vector<int> columns_;  // per value of the row being bound: catalog index, -1 = active
    std::vector<std::size_t> slots_;
};

}  // namespace crmsync::crmdb
