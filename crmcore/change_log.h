#pragma once
// What the CRM's database triggers captured (schema migration 3): every insert, update and
// delete made on a CRM table by anyone but crmsync — the CRM application, a person with SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

struct CrmChange {
    std::int64_t seq = 0;
    std::string at;  // the database clock, UTC "YYYY-MM-DDThh:mm:ss.mmmZ"
    std::string table;
    std::int64_t row_id = 0;
    std::string op;       // insert, update, delete
    std::string columns;  // JSON array of the columns set
    std::string origin;   // "crm"
    std::string actor;    // the database user on PostgreSQL; "" on SQLite
};

// Inside a transaction: newest-wins asks when the CRM last changed a column.
class CrmChangeLog {
public:
    virtual ~CrmChangeLog() = default;
    // When `column` of row `row_id` of `table` was last set by a CRM write, if ever captured;
    // `column` "" asks for the row's last captured change of any kind (a delete among them).
    virtual std::optional<std::string> lastEdit(const std::string& table, std::int64_t row_id,
                                                const std::string& column) = 0;
};

// Outside any transaction.
class CrmChangeReader {
public:
    virtual ~CrmChangeReader() = default;
    // Up to `limit` changes with seq > `after_seq`, oldest first.
    virtual std::vector<CrmChange> after(std::int64_t after_seq, std::size_t limit) = 0;
};

}  // namespace crmsync::core
