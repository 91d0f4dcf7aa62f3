#pragma once
// The 1C exchange endpoint's backend (commerceml::ExchangeBackend) made of the sync engine and
// the CRM store: catalog and orders files go through sync::Importer in background jobs; the
// sale side reads orders from the store and keeps what was sent and acknowledged there.
#include <memory>
#include <mutex>
#include <string>

#include "adapters/onec/commerceml/exchange_backend.h"
#include "app/exchange_imports.h"

namespace crmsync::app {

class ExchangeEngine : public commerceml::ExchangeBackend {
public:
    // Opens its own connections to `db_url` (one for the sale calls, one per import job).
    // Imports run with the mapping `mappings` gives when each starts.
    ExchangeEngine(const std::string& db_url, mapping::MappingSource mappings,
                   sync::ImportOptions options);

    commerceml::ImportProgress importFiles(
        const std::string& job, const std::vector<commerceml::UploadedFile>& files,
        std::chrono::steady_clock::time_point deadline) override;
    std::vector<core::OrderDocumentData> ordersToSend(const std::string& batch) override;
    std::size_t acknowledgeOrders(const std::string& batch) override;

    // Lets running imports finish their current batch, then waits for them (daemon shutdown).
    void stop() { imports_.stop(); }

private:
    ExchangeImports imports_;
    std::mutex sale_mutex_;  // the sale store is one connection: one HTTP thread at a time
    std::unique_ptr<core::CrmStore> sale_store_;
};

// Orders a run of 1C's own files wrote count as known to 1C: they are not echoed back at the
// next query. Exposed for the import jobs' after-run hook.
void recordOrdersFromOneC(core::CrmStore& store, std::int64_t run_id);

}  // namespace crmsync::app
