#include "tests/support/test_database.h"

#include <soci/soci.h>

#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/soci_crm_store.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::test {

TestDatabase::TestDatabase(Backend backend) {
    if (backend == Backend::Sqlite) {
        dir_.emplace();
        url_ = "sqlite://" + (dir_->path() / "crm.db").string();
    } else {
        pg_.emplace();
        url_ = pg_->url();
    }
    auto store = crmdb::SociCrmStore::open(url_);
    store->migrate();
    store_ = std::move(store);
    sql_ = crmdb::openSession(crmdb::parseDatabaseUrl(url_));
}

TestDatabase::~TestDatabase() {
    // Both connections must be closed before the temporary PostgreSQL database is dropped.
    sql_.reset();
    store_.reset();
}

void TestDatabase::execute(const std::string& sql) { *sql_ << sql; }

long long TestDatabase::count(const std::string& sql) {
    long long n = 0;
    *sql_ << sql, soci::into(n);
    return n;
}

std::optional<std::string> TestDatabase::text(const std::string& sql) {
    std::string value;
    soci::indicator ind = soci::i_null;
    *sql_ << sql, soci::into(value, ind);
    if (!sql_->got_data() || ind == soci::i_null) {
        return std::nullopt;
    }
    return value;
}

long long TestDatabase::totalRows() {
    long long total = 0;
    for (const auto& spec : core::entityCatalog()) {
        total += tableRows(spec.table);
    }
    for (const char* table : {"binding", "journal", "quarantine"}) {
        total += tableRows(table);
    }
    return total;
}

}  // namespace crmsync::test
