#include "adapters/crmdb/migrator.h"

#include <string>

#include <soci/soci.h>

#include "adapters/crmdb/change_capture.h"
#include "adapters/crmdb/column_text.h"
#include "adapters/crmdb/db_error.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

// Any constant works as long as every crmsync process uses the same one.
constexpr long long kMigrationLockKey = 0x63726d73796e63;  // "crmsync"

core::SqlDialect dialectOf(soci::session& sql) {
    return sql.get_backend_name() == "postgresql" ? core::SqlDialect::PostgreSql
                                                  : core::SqlDialect::Sqlite;
}

bool tableExists(soci::session& sql) {
    long long count = 0;
    if (dialectOf(sql) == core::SqlDialect::Sqlite) {
        sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
               "name = 'schema_migrations'",
            soci::into(count);
    } else {
        sql << "SELECT COUNT(*) FROM information_schema.tables WHERE "
               "table_schema = current_schema() AND table_name = 'schema_migrations'",
            soci::into(count);
    }
    return count > 0;
}

int readVersion(soci::session& sql) {
    if (!tableExists(sql)) {
        return 0;
    }
    long long version = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_null ? 0 : static_cast<int>(version);
}

int latestKnown() {
    int latest = 0;
    for (const auto& m : core::schemaMigrations()) {
        latest = std::max(latest, m.version);
    }
    return latest;
}

void refuseNewer(int version) {
    if (version > latestKnown()) {
        throw Error("CRM database schema is version " + std::to_string(version) +
                    ", newer than this crmsync knows (" + std::to_string(latestKnown()) +
                    "): upgrade crmsync instead of running an older build on it");
    }
}

// One migration step as a transaction that no other crmsync process can interleave with.
class MigrationTransaction {
public:
    MigrationTransaction(soci::session& sql, core::SqlDialect dialect) : sql_(sql) {
        if (dialect == core::SqlDialect::Sqlite) {
            sql_ << "BEGIN IMMEDIATE";
        } else {
            sql_ << "BEGIN";
            sql_ << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
        }
        open_ = true;
    }
    ~MigrationTransaction() {
        if (open_) {
            try {
                sql_ << "ROLLBACK";
            } catch (const soci::soci_error& e) {
                core::logger("crmdb")->warn("migration rollback failed: {}", e.what());
            }
        }
    }
    void commit() {
        sql_ << "COMMIT";
        open_ = false;
    }

private:
    soci::session& sql_;
    bool open_ = false;
};

void createBookkeeping(soci::session& sql, core::SqlDialect dialect) {
    MigrationTransaction tx(sql, dialect);
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "description TEXT, applied_at TEXT)";
    tx.commit();
}

bool isApplied(soci::session& sql, int version) {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version),
        soci::into(count);
    return count > 0;
}

bool applyOne(soci::session& sql, core::SqlDialect dialect, const core::Migration& migration) {
    MigrationTransaction tx(sql, dialect);
    // Read again under the lock: another process may have applied it meanwhile.
    refuseNewer(readVersion(sql));
    // By version, not by the highest one: branches number their migrations apart (the jobs
    // take 6, the HTTP API 7), and a database that got 7 first still gets 6 when it arrives.
    if (isApplied(sql, migration.version)) {
        return false;
    }
    for (const auto& statement : migration.statements) {
        std::string text = core::sqlFor(statement, dialect);
        if (!text.empty()) {
            sql << text;
        }
    }
    std::string applied_at = utcNowText();
    sql << "INSERT INTO schema_migrations (version, description, applied_at) "
           "VALUES (:v, :d, :a)",
        soci::use(migration.version), soci::use(migration.description), soci::use(applied_at);
    tx.commit();
    return true;
}

}  // namespace

int schemaVersion(soci::session& sql) {
    try {
        return readVersion(sql);
    } catch (const soci::soci_error& e) {
        throwDbError(sql, e, "read schema version");
    }
}

int migrate(soci::session& sql, core::SqlDialect dialect) {
    auto log = core::logger("crmdb");
    int applied = 0;
    int step = 0;
    try {
        refuseNewer(readVersion(sql));
        createBookkeeping(sql, dialect);
        for (const auto& migration : core::schemaMigrations()) {
            step = migration.version;
            if (applyOne(sql, dialect, migration)) {
                ++applied;
                log->info("applied schema migration {}: {}", migration.version,
                          migration.description);
            }
        }
        step = 0;
        // After every migration, not in one: an admin may have added a column since.
        MigrationTransaction tx(sql, dialect);
        if (int made = installChangeCapture(sql, dialect); made > 0) {
            log->info("made {} change capture triggers", made);
        }
        tx.commit();
    } catch (const soci::soci_error& e) {
        throwDbError(sql, e,
                     step == 0 ? std::string("migrate")
                               : "schema migration " + std::to_string(step) + " (rolled back)");
    }
    return applied;
}

}  // namespace crmsync::crmdb
