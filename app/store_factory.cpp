#include "app/store_factory.h"

#include "adapters/crmdb/soci_crm_store.h"

namespace crmsync::app {

std::unique_ptr<core::CrmStore> openMigratedStore(const std::string& url) {
    auto store = crmdb::SociCrmStore::open(url);
    store->migrate();
    return store;
}

std::unique_ptr<core::CrmStore> openLookupStore(const std::string& url) {
    auto store = crmdb::SociCrmStore::open(url);
    store->limitPageCache(2048);
    return store;
}

}  // namespace crmsync::app
