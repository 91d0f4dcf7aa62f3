#include "app/daemon.h"

#include <atomic>
#include <filesystem>
#include <memory>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/configured_jobs.h"
#include "app/daemon_jobs.h"
#include "app/database_columns.h"
#include "app/drop_folder_job.h"
#include "app/http_server.h"
#include "app/loop_leases.h"
#include "app/mapping_watcher.h"
#include "app/odata_job.h"
#include "app/site_exchange.h"
#include "app/web/store_pool.h"
#include "app/web/web_app.h"
#include "app/store_factory.h"
#include "config/daemon_config.h"
#include "crmcore/logging.h"
#include "scheduler/interval_runner.h"

namespace crmsync::app {

namespace {

// The mapping files in force, each watched for edits by one job.
struct Mappings {
    std::unique_ptr<MappingWatcher> catalog;
    std::unique_ptr<MappingWatcher> odata;  // null unless the OData exchange is on
    std::unique_ptr<scheduler::IntervalRunner> watch;
};

// A job on an interval with the database connection it uses (a store is used by one thread
// at a time).
struct ScheduledJob {
    std::unique_ptr<core::CrmStore> store;
    std::unique_ptr<LoopLeases> leases;
    std::unique_ptr<scheduler::IntervalRunner> runner;
};

std::unique_ptr<LoopLeases> loopLeases(const config::DaemonConfig& cfg, const std::string& loop) {
    return std::make_unique<LoopLeases>(loop, openMigratedStore(cfg.database.url), instanceName(),
                                        cfg.jobs.lease_ttl);
}

// The tick's options, stopping also when its leases were lost.
sync::ImportOptions leasedOptions(sync::ImportOptions options,
                                  const std::function<bool()>& keep_going) {
    auto stop = std::move(options.should_stop);
    options.should_stop = [stop, keep_going] { return (stop && stop()) || !keep_going(); };
    return options;
}

// Whether anything but hidden files lies in the drop folder itself: only then does a tick
// take the leases (an empty folder, most ticks, writes nothing).
bool dropFolderHasFiles(const std::filesystem::path& root) {
    std::error_code error;
    for (std::filesystem::directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
        if (it->is_regular_file(error) && it->path().filename().string().rfind('.', 0) != 0) {
            return true;
        }
    }
    return false;
}

config::DaemonConfig loadConfig(const ServeOverrides& overrides) {
    config::DaemonConfig cfg = config::loadDaemonConfig(overrides.config_path);
    if (overrides.db_url) {
        cfg.database.url = *overrides.db_url;
    }
    if (overrides.listen) {
        cfg.http.listen = *overrides.listen;
    }
    return cfg;
}

// An invalid mapping file stops the start here (ConfigError lists every problem). Each is
// loaded against the migrated database, so it may target columns an admin added.
Mappings watchMappings(const config::DaemonConfig& cfg) {
    Mappings mappings;
    auto columns = [url = cfg.database.url] { return readDatabaseColumns(url); };
    mappings.catalog = std::make_unique<MappingWatcher>(cfg.mapping.file, columns);
    if (cfg.odata.enabled || jobsNeedOdataMapping(cfg)) {
        mappings.odata = std::make_unique<MappingWatcher>(cfg.odata.mapping, columns);
    }
    mappings.watch = std::make_unique<scheduler::IntervalRunner>(
        "mapping-watch", cfg.mapping.poll_interval,
        [catalog = mappings.catalog.get(), odata = mappings.odata.get()] {
            catalog->poll();
            if (odata != nullptr) {
                odata->poll();
            }
        });
    mappings.watch->start();
    return mappings;
}

web::EngineMappings engineMappings(const config::DaemonConfig& cfg, const Mappings& mappings) {
    web::EngineMappings engine;
    engine.catalog = [catalog = mappings.catalog.get()] { return catalog->current(); };
    if (!cfg.mapping.file.empty()) {
        engine.files.push_back({"catalog", cfg.mapping.file, engine.catalog});
    }
    if (mappings.odata) {
        engine.odata = [odata = mappings.odata.get()] { return odata->current(); };
        if (!cfg.odata.mapping.empty()) {
            engine.files.push_back({"odata", cfg.odata.mapping, engine.odata});
        }
    }
    engine.columns = [url = cfg.database.url] { return readDatabaseColumns(url); };
    return engine;
}

std::unique_ptr<SiteExchange> startSiteExchange(const config::DaemonConfig& cfg,
                                                MappingWatcher& mappings,
                                                const sync::ImportOptions& options) {
    if (!cfg.exchange.enabled) {
        return nullptr;
    }
    if (cfg.exchange.user.empty() || cfg.exchange.password.empty()) {
        core::logger("app")->warn("1C exchange: CRMSYNC_EXCHANGE_USER or "
                                  "CRMSYNC_EXCHANGE_PASSWORD is not set; every checkauth will "
                                  "be refused");
    }
    return std::make_unique<SiteExchange>(exchangeSettings(cfg.exchange), cfg.database.url,
                                          [&mappings] { return mappings.current(); }, options);
}

ScheduledJob startDropFolder(const config::DaemonConfig& cfg, commerceml::DropFolder& folder,
                             MappingWatcher& mappings, const sync::ImportOptions& options) {
    ScheduledJob job;
    job.store = openMigratedStore(cfg.database.url);
    job.leases = loopLeases(cfg, "drop-folder");
    // A job per tick, holding the mapping in force when the tick starts: a reload takes
    // effect at the next tick, never half-way through a file.
    job.runner = std::make_unique<scheduler::IntervalRunner>(
        "drop-folder", cfg.drop_folder.poll_interval,
        [&folder, root = cfg.drop_folder.path, store = job.store.get(),
         leases = job.leases.get(), &mappings, options] {
            if (!dropFolderHasFiles(root)) {
                return;
            }
            leases->run(*store, [&](const std::function<bool()>& keep_going) {
                auto rules = mappings.current();
                DropFolderJob(folder, *store, *rules, leasedOptions(options, keep_going)).tick();
            });
        });
    job.runner->start();
    core::logger("app")->info("watching drop folder {} every {} s (done/ and failed/ inside)",
                              std::filesystem::absolute(cfg.drop_folder.path).string(),
                              cfg.drop_folder.poll_interval.count());
    return job;
}

ScheduledJob startOdata(const config::DaemonConfig& cfg, MappingWatcher& mappings,
                        const sync::ImportOptions& options) {
    auto log = core::logger("app");
    if (cfg.odata.password.empty()) {
        log->warn("1C OData: CRMSYNC_ONEC_PASSWORD is not set; 1C will refuse the login");
    }
    ScheduledJob job;
    job.store = openMigratedStore(cfg.database.url);
    job.leases = loopLeases(cfg, "odata");
    job.runner = std::make_unique<scheduler::IntervalRunner>(
        "odata", cfg.odata.interval,
        [&settings = cfg.odata, store = job.store.get(), leases = job.leases.get(), &mappings,
         options] {
            // A tick that finds a job or the drop folder writing waits for it, up to an
            // interval, rather than skip a whole interval.
            leases->run(
                *store,
                [&](const std::function<bool()>& keep_going) {
                    auto rules = mappings.current();
                    OdataJob(settings, *store, *rules, leasedOptions(options, keep_going)).tick();
                },
                settings.interval, options.should_stop);
        });
    job.runner->start();
    job.runner->trigger();  // the first exchange at start, not one interval later
    log->info("1C OData exchange with {} every {} s ({})", core::redact(cfg.odata.url),
              cfg.odata.interval.count(), cfg.odata.push ? "pull, then push" : "pull only");
    return job;
}

web::WebSettings webSettings(const config::HttpConfig& http) {
    web::WebSettings settings;
    settings.allowed_hosts = http.allowed_hosts;
    settings.listen_host = http.listen.substr(0, http.listen.rfind(':'));
    settings.secure_cookie = http.secure_cookie;
    settings.session_idle_seconds = std::int64_t{http.session_idle_minutes} * 60;
    settings.session_max_seconds = std::int64_t{http.session_max_hours} * 3600;
    return settings;
}

void stopJob(ScheduledJob& job) {
    if (job.runner) {
        job.runner->stop();
    }
}

}  // namespace

Daemon::Daemon(ServeOverrides overrides) : overrides_(std::move(overrides)) {}

int Daemon::main(const std::vector<std::string>&) {
    config::DaemonConfig cfg = loadConfig(overrides_);
    core::configureLogging(cfg.log.level, cfg.log.file.string());
    auto log = core::logger("app");
    log->info("crmsync starting: database {}, config {}", core::redact(cfg.database.url),
              overrides_.config_path);
    // Creates or upgrades the schema before anything reads it.
    openMigratedStore(cfg.database.url);
    Mappings mappings = watchMappings(cfg);
    // The mappings in force, one getter each for the jobs and the web API.
    const web::EngineMappings engine = engineMappings(cfg, mappings);

    // Every import, pull and push stops after its current batch once the daemon is asked to.
    std::atomic<bool> stopping{false};
    sync::ImportOptions import_options;
    import_options.batch_size = static_cast<std::size_t>(cfg.import.batch_size);
    import_options.should_stop = [&stopping] { return stopping.load(); };

    std::unique_ptr<SiteExchange> exchange =
        startSiteExchange(cfg, *mappings.catalog, import_options);
    // Built before the API, which lists and triggers them; started once it listens.
    DaemonJobs jobs(cfg, engine);
    std::unique_ptr<web::StorePool> web_stores;
    std::unique_ptr<web::WebApp> web_app;
    if (cfg.http.api) {
        web_stores = std::make_unique<web::StorePool>(cfg.database.url);
        web_app = std::make_unique<web::WebApp>(webSettings(cfg.http), *web_stores, engine,
                                                web::systemClock(), jobs.control());
    }
    HttpServer http(cfg.http.listen, exchange ? &exchange->protocol() : nullptr, web_app.get());
    http.start();
    log->info("listening on {} (GET /healthz{}{})", http.boundAddress(),
              exchange ? ", 1C exchange at " + cfg.exchange.path : std::string(),
              web_app ? ", web UI at / and the API at /api/v1" : "");

    std::unique_ptr<commerceml::DropFolder> folder;
    ScheduledJob drop_folder;
    if (cfg.drop_folder.enabled) {
        folder = std::make_unique<commerceml::DropFolder>(cfg.drop_folder.path);
        drop_folder = startDropFolder(cfg, *folder, *mappings.catalog, import_options);
    }
    ScheduledJob odata;
    if (cfg.odata.enabled) {
        odata = startOdata(cfg, *mappings.odata, import_options);
    }
    jobs.start();

    waitForTerminationRequest();
    log->info("termination requested: finishing the current batch, then stopping");
    stopping = true;
    // Imports end at a batch boundary first, so a 1C call waiting on one still gets its
    // answer ("failure", try later) before the HTTP server closes.
    if (exchange) {
        exchange->stop();
    }
    http.stop();
    stopJob(drop_folder);
    stopJob(odata);
    jobs.stop();  // runs end at a batch boundary and release their leases
    mappings.watch->stop();
    log->info("crmsync stopped");
    return Poco::Util::Application::EXIT_OK;
}

}  // namespace crmsync::app
