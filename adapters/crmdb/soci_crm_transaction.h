#pragma once
// core::CrmTransaction over SOCI: one database transaction of the engine's batch.
#include <cstdint>
#include <vector>

#include "adapters/crmdb/crm_connection.h"
#include "adapters/crmdb/journal_writer.h"
#include "crmcore/crm_store.h"

namespace crmsync::crmdb {

// Begun by SociCrmStore::begin(); rolled back when destroyed without commit(). Every statement
// is prepared once per connection (see CrmConnection), so each call only binds and executes.
// Values travel as text; decimals are checked and stored canonical on both databases, and
// timestamps canonical on SQLite (PostgreSQL's TIMESTAMP parses them itself).
class SociCrmTransaction final : public core::CrmTransaction {
public:
    explicit SociCrmTransaction(CrmConnection& connection);
    ~SociCrmTransaction() override;
    SociCrmTransaction(const SociCrmTransaction&) = delete;
    SociCrmTransaction& operator=(const SociCrmTransaction&) = delete;

    std::optional<core::Binding> findBinding(const std::string& entity,
                                             const std::string& onec_key) override;
    // Honours an "active" value in `values` (the engine inserts a row deleted in 1C as 0);
    // without one the row is active. Throws crmsync::Error for a column the entity lacks.
    std::int64_t insertRow(const core::EntitySpec& entity, const core::Row& values) override;
    // Catalog columns in catalog order, then "active"; canonical text (column_text.h).
    core::Row readRow(const core::EntitySpec& entity, std::int64_t id) override;
    // Throws crmsync::Error when the row does not exist.
    void updateRow(const core::EntitySpec& entity, std::int64_t id,
                   const core::Row& values) override;
    std::vector<std::int64_t> findRowIds(const core::EntitySpec& entity,
                                         const core::Row& match) override;
    std::optional<core::Binding> findBindingOfRow(const std::string& entity,
                                                  std::int64_t crm_id) override;
    // crm_side_reads.cpp
    std::vector<std::int64_t> activeRowIds(const core::EntitySpec& entity) override;
    void deleteBinding(const std::string& entity, const std::string& onec_key) override;
    void saveBinding(const core::Binding& binding) override;
    void visitActiveBindings(
        const core::EntitySpec& entity,
        const std::function<void(const std::string&, std::int64_t)>& visit) override;
    // Written in groups (journal_writer.h); all of them before commit() returns.
    void appendJournal(const core::JournalEntry& entry) override;
    bool addQuarantine(const core::QuarantineEntry& entry) override;
    void resolveQuarantine(const std::string& entity, const std::string& onec_key,
                           std::int64_t run_id) override;
    void commit() override;

private:
    void requireOpen() const;
    // Which columns `values` writes, and for each value its parameter slot (in slots_).
    ColumnSet resolve(const core::EntitySpec& spec, const core::Row& values);
    void bindValues(PreparedStatement& statement, const core::EntitySpec& spec,
                    const core::Row& values);

    CrmConnection& connection_;
    JournalWriter journal_;
    bool open_ = true;
    std::vector<int> columns_;  // per value of the row being bound: catalog index, -1 = active
    std::vector<std::size_t> slots_;
};

}  // namespace crmsync::crmdb
