#include "app/job_actions.h"

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "adapters/onec/odata/odata_object_writer.h"
#include "app/drop_folder_job.h"
#include "app/store_factory.h"
#include "crmcore/logging.h"
#include "sync/object_pull.h"
#include "sync/object_push.h"

namespace crmsync::app {

namespace {

std::unique_ptr<odata::OdataClient> odataClient(const config::OdataConfig& settings) {
    odata::OdataSettings client;
    client.base_url = settings.url;
    client.user = settings.user;
    client.password = settings.password.reveal();
    return std::make_unique<odata::OdataClient>(client);
}

sync::ImportOptions importOptions(const config::DaemonConfig& cfg,
                                  const scheduler::JobContext& context) {
    sync::ImportOptions options;
    options.batch_size = static_cast<std::size_t>(cfg.import.batch_size);
    options.should_stop = context.should_stop;
    return options;
}

scheduler::JobOutcome pull(core::CrmStore& store, const config::DaemonConfig& cfg,
                           const config::JobConfig& job, const mapping::Mapping& rules,
                           odata::OdataClient& client, const scheduler::JobContext& context) {
    odata::OdataObjectReader reader(client);
    sync::PullOptions options;
    options.entities = job.entities;
    options.import = importOptions(cfg, context);
    auto report = sync::pullFromOneC(store, rules, reader, options);
    scheduler::JobOutcome outcome;
    outcome.ok = report.import.ok;
    outcome.counts = report.import.totals;
    if (!report.import.ok) {
        outcome.error = "pull run " + std::to_string(report.import.run_id) + ": " +
                        (report.import.sources.empty() ? std::string("failed")
                                                       : report.import.sources.back().error);
    }
    core::logger("scheduler")->info("job={} run={} pull run={}: {} requests to 1C", job.name,
                                    context.run_id, report.import.run_id, report.requests);
    return outcome;
}

scheduler::JobOutcome push(core::CrmStore& store, const config::DaemonConfig& cfg,
                           const config::JobConfig& job, const mapping::Mapping& rules,
                           odata::OdataClient& client, const scheduler::JobContext& context) {
    odata::OdataObjectWriter writer(client);
    sync::PushOptions options;
    options.entities = job.entities;
    options.should_stop = context.should_stop;
    options.delivery.max_attempts = cfg.odata.max_attempts;
    auto report = sync::pushToOneC(store, rules, writer, options);
    scheduler::JobOutcome outcome;
    outcome.ok = report.ok;
    outcome.error = report.error;
    for (const auto& e : report.entities) {
        outcome.counts.read += static_cast<std::int64_t>(e.examined);
        outcome.counts.inserted += static_cast<std::int64_t>(e.created);
        outcome.counts.updated += static_cast<std::int64_t>(e.updated + e.deleted);
        outcome.counts.unchanged += static_cast<std::int64_t>(e.unchanged);
        outcome.counts.conflicts += static_cast<std::int64_t>(e.conflicts);
        outcome.counts.dead_letters += static_cast<std::int64_t>(e.dead);
    }
    if (!report.ok && outcome.error.empty()) {
        outcome.error = "push run " + std::to_string(report.run_id) + ": " +
                        std::to_string(report.failures.size()) + " object(s) refused by 1C";
    }
    core::logger("scheduler")->info("job={} run={} push run={}: {} requests to 1C", job.name,
                                    context.run_id, report.run_id, report.requests);
    return outcome;
}

}  // namespace

scheduler::JobAction makeJobAction(const config::JobConfig& job, const JobResources& resources) {
    // One store per job: a job runs on its own thread, and a store serves one thread.
    std::shared_ptr<core::CrmStore> store = openMigratedStore(resources.cfg.database.url);
    const config::DaemonConfig& cfg = resources.cfg;
    if (job.action == "retention") {
        return [store, &cfg](const scheduler::JobContext&) {
            scheduler::JobOutcome outcome;
            outcome.counts.read = store->jobRuns().purge(
                std::chrono::hours(24) * cfg.jobs.keep_succeeded_days,
                std::chrono::hours(24) * cfg.jobs.keep_failed_days);
            return outcome;
        };
    }
    if (job.action == "drop-folder") {
        auto mapping = resources.catalog_mapping;
        auto* folder = resources.folder;
        return [store, &cfg, mapping, folder](const scheduler::JobContext& context) {
            core::StoreFence fenced(*store, context.fence);
            auto rules = mapping();
            int taken = DropFolderJob(*folder, *store, *rules, importOptions(cfg, context)).tick();
            scheduler::JobOutcome outcome;
            outcome.counts.read = taken;  // files taken; each file's counts are its own run's
            return outcome;
        };
    }
    auto mapping = resources.odata_mapping;
    const bool do_pull = job.action != "odata-push";
    const bool do_push = job.action != "odata-pull";
    return [store, &cfg, job, mapping, do_pull, do_push](const scheduler::JobContext& context) {
        core::StoreFence fenced(*store, context.fence);
        auto rules = mapping();
        auto client = odataClient(cfg.odata);
        scheduler::JobOutcome outcome;
        if (do_pull) {
            outcome = pull(*store, cfg, job, *rules, *client, context);
            // Pushing over a pull that failed would compare against a stale view of 1C.
            if (!outcome.ok) {
                return outcome;
            }
        }
        if (do_push) {
            auto pushed = push(*store, cfg, job, *rules, *client, context);
            pushed.counts += outcome.counts;
            return pushed;
        }
        return outcome;
    };
}

}  // namespace crmsync::app
