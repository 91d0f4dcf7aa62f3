#pragma once
// The versioned CRM schema. Each migration is a list of statements written once for both
// databases, with dialect placeholders expanded by sqlFor(). A migration, once released, is never
// edited: a change is a new version.
#include <string>
#include <vector>

namespace crmsync::core {

enum class SqlDialect { Sqlite, PostgreSql };

struct Migration {
    int version;
    std::string description;
    std::vector<std::string> statements;  // with placeholders, see sqlFor()
};

const std::vector<Migration>& schemaMigrations();

// Expands {ID} (auto-increment primary key), {BIGINT}, {DECIMAL} (exact), {TIMESTAMP} and {NOW}.
// A statement starting {PG_ONLY} or {SQLITE_ONLY} is "" on the other database.
std::string sqlFor(const std::string& statement, SqlDialect dialect);

}  // namespace crmsync::core
