#include "app/exchange_service.h"

namespace crmsync::app {

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

ExchangeService::ExchangeService(commerceml::ExchangeSettings settings, const std::string& db_url,
                                 mapping::MappingSource mappings, sync::ImportOptions options)
    : engine_(db_url, std::move(mappings), std::move(options)),
      endpoint_(std::move(settings), engine_) {}

}  // namespace crmsync::app
