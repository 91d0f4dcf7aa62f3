#include "app/site_exchange.h"

#include "app/store_factory.h"
#include "sync/sale_exchange.h"

namespace crmsync::app {

namespace {

// Orders a run of 1C's own files wrote count as known to 1C: they are not echoed back at the
// next query.
void recordOrdersFromOneC(core::CrmStore& store, std::int64_t run_id) {
    sync::SaleExchange(store).recordOrdersFromOneC(run_id);
}

}  // namespace

commerceml::ExchangeSettings exchangeSettings(const config::ExchangeConfig& config) {
    commerceml::ExchangeSettings settings;
    settings.path = config.path;
    settings.upload_dir = config.upload_dir;
    settings.file_limit = config.file_limit;
    settings.session_ttl = config.session_ttl;
    settings.step = config.step;
    settings.zip = config.zip;
    settings.user = config.user;
    settings.password = config.password.reveal();
    return settings;
}

SiteExchange::SiteExchange(commerceml::ExchangeSettings settings, const std::string& db_url,
                           mapping::MappingSource mappings, sync::ImportOptions options,
                           commerceml::ExchangeSessions::Clock clock)
    : imports_(db_url, std::move(mappings), std::move(options), recordOrdersFromOneC),
      sale_store_(openMigratedStore(db_url)),
      protocol_(std::move(settings), *this, std::move(clock)) {}

commerceml::ImportProgress SiteExchange::importFiles(
    const std::string& job, const std::vector<commerceml::UploadedFile>& files,
    std::chrono::steady_clock::time_point deadline) {
    return imports_.importFiles(job, files, deadline);
}

std::vector<core::OrderDocumentData> SiteExchange::ordersToSend(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    return sync::SaleExchange(*sale_store_).ordersToSend(batch);
}

std::size_t SiteExchange::acknowledgeOrders(const std::string& batch) {
    std::lock_guard lock(sale_mutex_);
    return sync::SaleExchange(*sale_store_).acknowledge(batch);
}

}  // namespace crmsync::app
