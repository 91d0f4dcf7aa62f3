#include "app/web/store_pool.h"

#include "adapters/crmdb/soci_crm_store.h"
#include "adapters/crmdb/soci_mapping_versions.h"
#include "adapters/crmdb/soci_order_overview.h"
#include "adapters/crmdb/soci_user_accounts.h"
#include "adapters/crmdb/soci_web_sessions.h"
#include "app/store_factory.h"

namespace crmsync::app::web {

namespace {

class SociWebStore final : public WebStore {
public:
    explicit SociWebStore(std::unique_ptr<core::CrmStore> store)
        : store_(std::move(store)),
          connection_(dynamic_cast<crmdb::SociCrmStore&>(*store_).connection()),
          accounts_(connection_),
          sessions_(connection_),
          orders_(connection_),
          mapping_versions_(connection_) {}

    core::CrmStore& crm() override { return *store_; }
    core::UserAccounts& accounts() override { return accounts_; }
    core::WebSessions& sessions() override { return sessions_; }
    core::OrderOverview& orders() override { return orders_; }
    core::MappingVersions& mappingVersions() override { return mapping_versions_; }

private:
    std::unique_ptr<core::CrmStore> store_;
    crmdb::CrmConnection& connection_;
    crmdb::SociUserAccounts accounts_;
    crmdb::SociWebSessions sessions_;
    crmdb::SociOrderOverview orders_;
    crmdb::SociMappingVersions mapping_versions_;
};

}  // namespace

std::unique_ptr<WebStore> openWebStore(const std::string& url) {
    return std::make_unique<SociWebStore>(openExistingStore(url));
}

StorePool::StorePool(std::string url, std::size_t max_idle)
    : url_(std::move(url)), max_idle_(max_idle) {}

std::unique_ptr<WebStore> StorePool::take() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto store = std::move(idle_.back());
            idle_.pop_back();
            return store;
        }
    }
    return openWebStore(url_);
}

void StorePool::give(std::unique_ptr<WebStore> store) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) {
        idle_.push_back(std::move(store));
    }
}

}  // namespace crmsync::app::web
