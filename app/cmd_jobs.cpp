// crmsync jobs (each job's next fire times) and crmsync run (one job, once, now).
#include <iostream>
#include <memory>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/change_triggers.h"
#include "app/cli_args.h"
#include "app/commands.h"
#include "app/configured_jobs.h"
#include "app/database_columns.h"
#include "app/mapping_watcher.h"
#include "scheduler/fire_time.h"

namespace crmsync::app {

int runJobs(const Words& words) {
    CliArgs args(words, {"config", "count"}, {});
    int count = 3;
    if (auto c = args.option("count")) {
        try {
            count = std::stoi(*c);
        } catch (const std::exception&) {
            count = 0;
        }
        if (count < 1 || count > 1000) {
            throw UsageError("--count '" + *c + "': expected 1 to 1000");
        }
    }
    auto cfg = config::loadDaemonConfig(args.required("config"));
    auto specs = jobSpecs(cfg);
    if (specs.empty()) {
        std::cout << "no [job.NAME] sections in " << args.required("config") << "\n";
        return 0;
    }
    scheduler::SystemClock clock;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const auto& spec = specs[i];
        std::cout << spec.name << "  " << spec.action << "  "
                  << (spec.schedule ? spec.schedule->describe() : std::string("no schedule"))
                  << "  misfire " << (spec.misfire == scheduler::Misfire::Skip ? "skip" : "run-once")
                  << "\n    locks:";
        for (const auto& lock : spec.locks) {
            std::cout << " " << lock;
        }
        std::cout << "\n";
        auto tables = crmChangeTables(cfg.jobs.jobs[i]);
        if (!tables.empty()) {
            std::cout << "    on crm-change(";
            for (std::size_t t = 0; t < tables.size(); ++t) {
                std::cout << (t == 0 ? "" : ", ") << tables[t];
            }
            std::cout << "), debounce " << spec.debounce.count() << " ms\n";
        }
        auto at = clock.now();
        for (int n = 0; spec.schedule && n < count; ++n) {
            auto next = spec.schedule->nextAfter(at);
            if (!next) {
                break;
            }
            std::cout << "    next " << scheduler::fireText(*next) << "\n";
            at = *next;
        }
    }
    return 0;
}

int runRun(const Words& words) {
    CliArgs args(words, {"config", "db"}, {});
    if (args.positional().size() != 1) {
        throw UsageError("run needs exactly one JOB name");
    }
    auto cfg = config::loadDaemonConfig(args.required("config"));
    if (auto db = args.option("db")) {
        cfg.database.url = *db;
    }
    const std::string name = args.positional().front();
    auto columns = [url = cfg.database.url] { return readDatabaseColumns(url); };
    MappingWatcher catalog(cfg.mapping.file, columns);
    std::unique_ptr<MappingWatcher> odata;
    if (jobsNeedOdataMapping(cfg)) {
        odata = std::make_unique<MappingWatcher>(cfg.odata.mapping, columns);
    }
    std::unique_ptr<commerceml::DropFolder> folder;
    if (jobsReadDropFolder(cfg)) {
        folder = std::make_unique<commerceml::DropFolder>(cfg.drop_folder.path);
    }
    JobResources resources{cfg, [&catalog] { return catalog.current(); },
                           odata ? MappingSource([&odata] { return odata->current(); })
                                 : MappingSource(),
                           folder.get()};
    scheduler::SystemClock clock;
    ConfiguredJobs jobs(cfg, resources, clock);
    jobs.runner().startRenewer();
    auto row = jobs.runner().runNow(name);
    jobs.runner().stop();
    if (!row) {
        std::cerr << "crmsync run: " << name << " did not run\n";
        return 1;
    }
    std::cout << "run " << row->id << " of job " << name << ": " << row->status << " (read "
              << row->counts.read << ", written " << row->counts.inserted + row->counts.updated
              << ", conflicts " << row->counts.conflicts << ", quarantined "
              << row->counts.quarantined << ", dead letters " << row->counts.dead_letters << ")"
              << (row->error.empty() ? "" : ": " + row->error) << "\n";
    return row->status == "succeeded" ? 0 : 1;
}

}  // namespace crmsync::app
