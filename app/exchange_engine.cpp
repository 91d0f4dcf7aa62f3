#include "app/exchange_engine.h"

#include "app/store_factory.h"
#include "sync/sale_exchange.h"

namespace crmsync::app {

void recordOrdersFromOneC(core::CrmStore& store, std::int64_t run_id) {
    sync::SaleExchange(store).recordOrdersFromOneC(run_id);
}

ExchangeEngine::ExchangeEngine(const std::string& db_url, mapping::MappingSource mappings,
                               sync::ImportOptions options)
    : imports_(db_url, std::move(mappings), std::move(options), recordOrdersFromOneC),
      sale_store_(openMigratedStore(db_url)) {}

commerceml::ImportProgress ExchangeEngine::importFiles(
    const std::string& job, const std::vector<commerceml::UploadedFile>& files,
    std::chrono::steady_clock::time_point deadline) {
    return imports_.importFiles(job, files, deadline);
}

std::vector<core::OrderDocumentData> ExchangeEngine::ordersToSend(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    return sync::SaleExchange(*sale_store_).ordersToSend(batch);
}

std::size_t ExchangeEngine::acknowledgeOrders(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    return sync::SaleExchange(*sale_store_).acknowledge(batch);
}

}  // namespace crmsync::app
