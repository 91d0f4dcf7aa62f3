#pragma once
// 1C's "exchange with site" (Обмен с сайтом) wired to the engine: the protocol
// (commerceml::ExchangeProtocol) with this class as its backend — catalog and order files go to
// background import jobs (ExchangeImportJobs), the sale side to sync::SaleExchange. What
// `crmsync serve` mounts on its HTTP server at the exchange path, and the end-to-end tests too.
#include <memory>
#include <mutex>
#include <string>

#include "adapters/onec/commerceml/exchange_backend.h"
#include "adapters/onec/commerceml/exchange_protocol.h"
#include "app/exchange_import_jobs.h"
#include "config/daemon_config.h"

namespace crmsync::app {

// The protocol's settings from the config section (credentials included, from the environment).
commerceml::ExchangeSettings exchangeSettings(const config::ExchangeConfig& config);

class SiteExchange final : public commerceml::ExchangeBackend {
public:
    // Opens its own connections to `db_url` (one for the sale calls, one per import job).
    // Imports run with the mapping `mappings` gives when each starts. Throws what opening the
    // database throws.
    SiteExchange(commerceml::ExchangeSettings settings, const std::string& db_url,
                 mapping::MappingSource mappings, sync::ImportOptions options,
                 commerceml::ExchangeSessions::Clock clock = [] {
                     return std::chrono::system_clock::now();
                 });

    commerceml::ExchangeProtocol& protocol() { return protocol_; }

    commerceml::ImportProgress importFiles(
        const std::string& job, const std::vector<commerceml::UploadedFile>& files,
        std::chrono::steady_clock::time_point deadline) override;
    std::vector<core::OrderDocumentData> ordersToSend(const std::string& batch) override;
    std::size_t acknowledgeOrders(const std::string& batch) override;

    // Lets running imports finish their current batch, then waits for them (daemon shutdown).
    void stop() { imports_.stop(); }

private:
    ExchangeImportJobs imports_;
    std::mutex sale_mutex_;  // the sale store is one connection: one HTTP thread at a time
    std::unique_ptr<core::CrmStore> sale_store_;
    commerceml::ExchangeProtocol protocol_;  // last: it calls the members above
};

}  // namespace crmsync::app
