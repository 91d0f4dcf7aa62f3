#include "app/configured_jobs.h"

#include <unistd.h>

#include <Poco/Environment.h>

#include "app/change_triggers.h"
#include "app/store_factory.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"

namespace crmsync::app {

namespace {

std::vector<std::string> lockedEntities(const config::JobConfig& job) {
    if (job.action == "retention") {
        return {};  // writes only run rows
    }
    if (!job.entities.empty()) {
        for (const auto& e : job.entities) {
            if (core::findEntitySpec(e) == nullptr) {
                std::string known;
                for (const auto& spec : core::entityCatalog()) {
                    known += (known.empty() ? "" : ", ") + spec.name;
                }
                throw ConfigError("[job." + job.name + "]: job." + job.name +
                                  ".entities: unknown entity '" + e + "' (known: " + known +
                                  ")");
            }
        }
        return job.entities;
    }
    // Unknown what it writes: it excludes every job that writes anything.
    return core::entityNames();
}

}  // namespace

std::string instanceName() {
    return Poco::Environment::nodeName() + ":" + std::to_string(::getpid());
}

bool jobsNeedOdataMapping(const config::DaemonConfig& cfg) {
    for (const auto& job : cfg.jobs.jobs) {
        if (job.action.rfind("odata-", 0) == 0) {
            return true;
        }
    }
    return false;
}

bool jobsReadDropFolder(const config::DaemonConfig& cfg) {
    for (const auto& job : cfg.jobs.jobs) {
        if (job.action == "drop-folder") {
            return true;
        }
    }
    return false;
}

std::vector<scheduler::JobSpec> jobSpecs(const config::DaemonConfig& cfg) {
    std::vector<scheduler::JobSpec> specs;
    for (const auto& job : cfg.jobs.jobs) {
        scheduler::JobSpec spec;
        spec.name = job.name;
        spec.action = job.action;
        if (!job.schedule.empty()) {
            try {
                spec.schedule = scheduler::Schedule::parse(job.schedule, job.timezone);
            } catch (const ConfigError& e) {
                throw ConfigError(job.schedule_at + ": job." + job.name + ".schedule: " +
                                  e.what());
            }
        }
        spec.misfire = job.misfire_skip ? scheduler::Misfire::Skip : scheduler::Misfire::RunOnce;
        spec.timeout = job.timeout;
        spec.locks = scheduler::jobLocks(job.name, lockedEntities(job));
        crmChangeTables(job);  // an unknown table in `on` stops the start, not the first change
        spec.retry.attempts = job.retry_attempts;
        spec.retry.base_delay = job.retry_base;
        spec.retry.max_delay = job.retry_max;
        spec.retry.jitter = 1.0;  // full jitter
        spec.debounce = job.debounce;
        specs.push_back(std::move(spec));
    }
    return specs;
}

ConfiguredJobs::ConfiguredJobs(const config::DaemonConfig& cfg, const JobResources& resources,
                               scheduler::Clock& clock) {
    auto specs = jobSpecs(cfg);
    control_ = openMigratedStore(cfg.database.url);
    scheduler::RunnerSettings settings;
    settings.instance = instanceName();
    settings.lease_ttl = cfg.jobs.lease_ttl;
    // A takeover comes at most this long after the lease expired.
    settings.lease_poll = std::min<std::chrono::milliseconds>(std::chrono::seconds(1),
                                                              cfg.jobs.lease_ttl / 10);
    runner_ = std::make_unique<scheduler::JobRunner>(clock, *control_, settings);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        runner_->add(std::move(specs[i]), makeJobAction(cfg.jobs.jobs[i], resources));
    }
}

}  // namespace crmsync::app
