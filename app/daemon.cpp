#include "app/daemon.h"

#include <atomic>
#include <iostream>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/database_columns.h"
#include "app/drop_folder_job.h"
#include "app/exchange_service.h"
#include "app/health_server.h"
#include "app/mapping_watcher.h"
#include "app/odata_job.h"
#include "app/store_factory.h"
#include "config/daemon_config.h"
#include "crmcore/logging.h"
#include "scheduler/interval_runner.h"

namespace crmsync::app {

Daemon::Daemon(ServeOverrides overrides) : overrides_(std::move(overrides)) {}

int Daemon::main(const std::vector<std::string>&) {
    config::DaemonConfig cfg = config::loadDaemonConfig(overrides_.config_path);
    if (overrides_.db_url) {
        cfg.database.url = *overrides_.db_url;
    }
    if (overrides_.listen) {
        cfg.http.listen = *overrides_.listen;
    }
    core::configureLogging(cfg.log.level, cfg.log.file.string());
    auto log = core::logger("app");
    log->info("crmsync starting: database {}, config {}", core::redact(cfg.database.url),
              overrides_.config_path);

    auto store = openMigratedStore(cfg.database.url);
    // The drop-folder job gets its own connection: a store is used by one thread at a time.
    auto job_store = openMigratedStore(cfg.database.url);

    // An invalid mapping file stops the start here (ConfigError lists every problem). It is
    // loaded against the migrated database, so it may target columns an admin added.
    auto columns = [url = cfg.database.url] { return readDatabaseColumns(url); };
    MappingWatcher mappings(cfg.mapping.file, columns);
    std::unique_ptr<MappingWatcher> odata_mappings;
    if (cfg.odata.enabled) {
        odata_mappings = std::make_unique<MappingWatcher>(cfg.odata.mapping, columns);
    }
    scheduler::IntervalRunner mapping_watch("mapping-watch", cfg.mapping.poll_interval,
                                            [&mappings, &odata_mappings] {
                                                mappings.poll();
                                                if (odata_mappings) {
                                                    odata_mappings->poll();
                                                }
                                            });
    mapping_watch.start();

    sync::ImportOptions import_options;
    import_options.batch_size = static_cast<std::size_t>(cfg.import.batch_size);

    std::unique_ptr<ExchangeService> exchange;
    if (cfg.exchange.enabled) {
        exchange = std::make_unique<ExchangeService>(exchangeSettings(cfg.exchange),
                                                     cfg.database.url,
                                                     [&mappings] { return mappings.current(); },
                                                     import_options);
        if (cfg.exchange.user.empty() || cfg.exchange.password.empty()) {
            log->warn("1C exchange: CRMSYNC_EXCHANGE_USER or CRMSYNC_EXCHANGE_PASSWORD is not "
                      "set; every checkauth will be refused");
        }
    }
    HealthServer http(cfg.http.listen, exchange ? &exchange->endpoint() : nullptr);
    http.start();
    log->info("listening on {} (GET /healthz{})", http.boundAddress(),
              exchange ? ", 1C exchange at " + cfg.exchange.path : std::string());

    std::unique_ptr<commerceml::DropFolder> folder;
    std::unique_ptr<scheduler::IntervalRunner> runner;
    if (cfg.drop_folder.enabled) {
        folder = std::make_unique<commerceml::DropFolder>(cfg.drop_folder.path);
        // A job per tick, holding the mapping in force when the tick starts: a reload takes
        // effect at the next tick, never half-way through a file.
        runner = std::make_unique<scheduler::IntervalRunner>(
            "drop-folder", cfg.drop_folder.poll_interval,
            [&folder, &job_store, &mappings, &import_options] {
                auto rules = mappings.current();
                DropFolderJob(*folder, *job_store, *rules, import_options).tick();
            });
        runner->start();
        log->info("watching drop folder {} every {} s (done/ and failed/ inside)",
                  std::filesystem::absolute(cfg.drop_folder.path).string(),
                  cfg.drop_folder.poll_interval.count());
    }

    std::unique_ptr<core::CrmStore> odata_store;
    std::unique_ptr<scheduler::IntervalRunner> odata_runner;
    std::atomic<bool> odata_stopping{false};
    sync::ImportOptions odata_options = import_options;
    odata_options.should_stop = [&odata_stopping] { return odata_stopping.load(); };
    if (cfg.odata.enabled) {
        if (cfg.odata.password.empty()) {
            log->warn("1C OData: CRMSYNC_ONEC_PASSWORD is not set; 1C will refuse the login");
        }
        odata_store = openMigratedStore(cfg.database.url);
        odata_runner = std::make_unique<scheduler::IntervalRunner>(
            "odata", cfg.odata.interval,
            [&cfg, &odata_store, &odata_mappings, &odata_options] {
                auto rules = odata_mappings->current();
                OdataJob(cfg.odata, *odata_store, *rules, odata_options).tick();
            });
        odata_runner->start();
        odata_runner->trigger();  // the first exchange at start, not one interval later
        log->info("1C OData exchange with {} every {} s ({})", core::redact(cfg.odata.url),
                  cfg.odata.interval.count(), cfg.odata.push ? "pull, then push" : "pull only");
    }

    waitForTerminationRequest();
    log->info("termination requested: finishing the current batch, then stopping");
    // Imports end at a batch boundary first, so a 1C call waiting on one still gets its
    // answer ("failure", try later) before the HTTP server closes.
    if (exchange) {
        exchange->stop();
    }
    http.stop();
    if (runner) {
        runner->stop();
    }
    if (odata_runner) {
        odata_stopping = true;
        odata_runner->stop();
    }
    mapping_watch.stop();
    log->info("crmsync stopped");
    return Poco::Util::Application::EXIT_OK;
}

}  // namespace crmsync::app
