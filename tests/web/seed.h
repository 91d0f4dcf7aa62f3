#pragma once
// Rows the API tests read, written with plain SQL as the CRM and the engine would leave them.
// Decimals go in as text, as crmsync writes them: SQLite would make 1234.50 a float 1234.5.
#include <cstdint>
#include <string>

#include "tests/support/test_database.h"

namespace crmsync::test {

inline std::int64_t lastId(TestDatabase& db, const std::string& table) {
    return db.count("SELECT MAX(id) FROM " + table);
}

inline std::int64_t addCounterparty(TestDatabase& db, const std::string& name,
                                    const std::string& inn) {
    db.execute("INSERT INTO counterparty (name, inn) VALUES ('" + name + "', '" + inn + "')");
    return lastId(db, "counterparty");
}

inline std::int64_t addOrder(TestDatabase& db, const std::string& number, const std::string& at,
                             const std::string& amount, std::int64_t counterparty,
                             const std::string& onec_number = "", const std::string& status = "") {
    db.execute("INSERT INTO sales_order (number, ordered_at, amount, counterparty_id, onec_number, "
               "status, comment) VALUES ('" + number + "', '" + at + "', '" + amount + "', " +
               (counterparty == 0 ? std::string("NULL") : std::to_string(counterparty)) + ", " +
               (onec_number.empty() ? "NULL" : "'" + onec_number + "'") + ", " +
               (status.empty() ? "NULL" : "'" + status + "'") + ", 'as typed in the CRM')");
    return lastId(db, "sales_order");
}

inline std::int64_t addLine(TestDatabase& db, std::int64_t order, int line_no,
                            const std::string& name, const std::string& quantity,
                            const std::string& price, const std::string& amount) {
    db.execute("INSERT INTO order_line (order_id, line_no, name, quantity, price, amount) VALUES (" +
               std::to_string(order) + ", " + std::to_string(line_no) + ", '" + name + "', '" +
               quantity + "', '" + price + "', '" + amount + "')");
    return lastId(db, "order_line");
}

inline void bind(TestDatabase& db, const std::string& entity, const std::string& onec_key,
                 std::int64_t crm_id) {
    db.execute("INSERT INTO binding (entity, onec_key, crm_id) VALUES ('" + entity + "', '" +
               onec_key + "', " + std::to_string(crm_id) + ")");
}

inline void addJournal(TestDatabase& db, const std::string& entity, std::int64_t crm_id,
                       const std::string& origin, const std::string& op,
                       const std::string& lineage = "import.xml:10") {
    db.execute("INSERT INTO journal (run_id, entity, onec_key, crm_id, origin, op, before, after, "
               "lineage) VALUES (1, '" + entity + "', 'k" + std::to_string(crm_id) + "', " +
               std::to_string(crm_id) + ", '" + origin + "', '" + op +
               "', '{}', '{\"number\":\"x\"}', '" + lineage + "')");
}

inline std::int64_t addConflict(TestDatabase& db, const std::string& entity, std::int64_t crm_id,
                                const std::string& field, const std::string& crm,
                                const std::string& onec) {
    db.execute("INSERT INTO conflict (entity, crm_id, onec_key, field, base, crm_value, onec_value, "
               "crm_at, onec_at, status, policy) VALUES ('" + entity + "', " +
               std::to_string(crm_id) + ", 'guid-" + std::to_string(crm_id) + "', '" + field +
               "', 'base text', '" + crm + "', '" + onec +
               "', '2026-11-05T10:00:00.000Z', '2026-11-05T11:00:00.000Z', 'open', 'manual')");
    return lastId(db, "conflict");
}

inline std::int64_t addOutbox(TestDatabase& db, const std::string& table, std::int64_t row_id,
                              const std::string& state) {
    db.execute("INSERT INTO outbox (consumer, table_name, row_id, op, fields, state, attempts, "
               "last_error) VALUES ('odata', '" + table + "', " + std::to_string(row_id) +
               ", 'update', '[\"comment\"]', '" + state + "', " +
               (state == "dead" ? "10" : "0") + ", '" + (state == "dead" ? "1C said no" : "") +
               "')");
    return lastId(db, "outbox");
}

}  // namespace crmsync::test
