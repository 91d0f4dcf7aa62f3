#pragma once
// A fresh CRM database for one crmdb test, on SQLite (a file in a temp dir) or on the test
// PostgreSQL server (a database of its own), opened through the adapter under test, plus a
// second, plain connection for assertions that must not go through the store.
#include <memory>
#include <optional>
#include <string>

#include <soci/soci.h>

#include "adapters/crmdb/soci_crm_store.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace crmsync::test {

class CrmdbTarget {
public:
    // Opens the store; migrates it unless `migrated` is false.
    explicit CrmdbTarget(Backend backend, bool migrated = true);

    const std::string& url() const { return url_; }
    crmdb::SociCrmStore& store() { return *store_; }
    // Another connection, opened on first use, for checks by plain SQL.
    soci::session& sql();
    long long count(const std::string& sql_text);
    // A store of its own on the same database (a second daemon).
    std::unique_ptr<crmdb::SociCrmStore> openAnotherStore() const;

private:
    std::optional<TempDir> dir_;
    std::optional<TempPostgresDatabase> pg_;
    std::string url_;
    std::unique_ptr<soci::session> sql_;
    std::unique_ptr<crmdb::SociCrmStore> store_;
};

// A row by column name, to write test rows briefly: row({{"name", "x"}, {"rate", std::nullopt}}).
core::Row row(std::initializer_list<core::ColumnValue> values);

// "YYYY-MM-DDThh:mm:ss.mmmZ"
bool isUtcMillis(const std::string& text);

}  // namespace crmsync::test
