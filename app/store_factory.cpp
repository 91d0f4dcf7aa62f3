#include "app/store_factory.h"

#include <filesystem>
#include <system_error>

#include "adapters/crmdb/soci_crm_store.h"
#include "crmcore/error.h"
#include "crmcore/schema.h"

namespace crmsync::app {

namespace {

[[noreturn]] void noSchema(const crmdb::DatabaseUrl& url) {
    throw Error("no crmsync schema in the CRM database " + url.redacted +
                " (create it with crmsync migrate)");
}

// The store of a database holding a crmsync schema; SQLite never gets to create a file here.
std::unique_ptr<crmdb::SociCrmStore> openCreatedStore(const std::string& url) {
    auto parsed = crmdb::parseDatabaseUrl(url);
    if (parsed.kind == crmdb::DatabaseUrl::Kind::Sqlite) {
        std::error_code ec;
        auto size = std::filesystem::file_size(parsed.path, ec);
        if (ec && !std::filesystem::exists(parsed.path)) {
            throw Error("no CRM database at " + parsed.path +
                        " (create it with crmsync migrate)");
        }
        // An empty file is no database; opening it would write SQLite's header into it (the
        // connection's page size and WAL mode), so it is refused untouched.
        if (!ec && size == 0) {
            noSchema(parsed);
        }
    }
    auto store = std::make_unique<crmdb::SociCrmStore>(parsed);
    // Version 0 is what the migrator reads where its schema_migrations table is absent.
    if (store->schemaVersion() == 0) {
        noSchema(parsed);
    }
    return store;
}

}  // namespace

std::unique_ptr<core::CrmStore> openMigratedStore(const std::string& url) {
    auto store = crmdb::SociCrmStore::open(url);
    store->migrate();
    return store;
}

std::unique_ptr<core::CrmStore> openExistingStore(const std::string& url) {
    auto store = openCreatedStore(url);
    if (store->schemaVersion() < core::schemaMigrations().back().version) {
        throw Error("the CRM database " + store->url().redacted +
                    " has an older schema; run crmsync migrate --db URL first");
    }
    return store;
}

void requireExistingDatabase(const std::string& url) { openCreatedStore(url); }

}  // namespace crmsync::app
