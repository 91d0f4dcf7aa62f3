#include "tests/adapters/crmdb/crmdb_fixture.h"

#include <regex>

#include "adapters/crmdb/session_factory.h"

namespace crmsync::test {

CrmdbTarget::CrmdbTarget(Backend backend, bool migrated) {
    if (backend == Backend::Sqlite) {
        dir_.emplace();
        url_ = "sqlite://" + (dir_->path() / "crm.db").string();
    } else {
        pg_.emplace();
        url_ = pg_->url();
    }
    store_ = crmdb::SociCrmStore::open(url_);
    if (migrated) {
        store_->migrate();
    }
}

soci::session& CrmdbTarget::sql() {
    if (!sql_) {
        sql_ = crmdb::openSession(crmdb::parseDatabaseUrl(url_));
    }
    return *sql_;
}

long long CrmdbTarget::count(const std::string& sql_text) {
    long long n = 0;
    sql() << sql_text, soci::into(n);
    return n;
}

std::unique_ptr<crmdb::SociCrmStore> CrmdbTarget::openAnotherStore() const {
    return crmdb::SociCrmStore::open(url_);
}

core::Row row(std::initializer_list<core::ColumnValue> values) { return core::Row(values); }

bool isUtcMillis(const std::string& text) {
    static const std::regex form(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    return std::regex_match(text, form);
}

}  // namespace crmsync::test
