#pragma once
// 1C's exchange endpoint with the engine behind it, built from the daemon config: what
// `crmsync serve` and the end-to-end tests mount on the HTTP server.
#include <string>

#include "adapters/onec/commerceml/exchange_endpoint.h"
#include "app/exchange_engine.h"
#include "config/daemon_config.h"

namespace crmsync::app {

// The endpoint's settings from the config section (credentials included, from the environment).
commerceml::ExchangeSettings exchangeSettings(const config::ExchangeConfig& config);

class ExchangeService {
public:
    // Imports run with the mapping `mappings` gives when each starts. Throws what opening the
    // database throws.
    ExchangeService(commerceml::ExchangeSettings settings, const std::string& db_url,
                    mapping::MappingSource mappings, sync::ImportOptions options);

    commerceml::ExchangeEndpoint& endpoint() { return endpoint_; }
    // Running imports stop after their current batch; returns once they did.
    void stop() { engine_.stop(); }

private:
    ExchangeEngine engine_;
    commerceml::ExchangeEndpoint endpoint_;
};

}  // namespace crmsync::app
