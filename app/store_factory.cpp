#include "app/store_factory.h"

#include "adapters/crmdb/soci_crm_store.h"

namespace crmsync::app {

std::unique_ptr<core::CrmStore> openMigratedStore(const std::string& url) {
    auto store = crmdb::SociCrmStore::open(url);
    store->migrate();
    return store;
}

}  // namespace crmsync::app
