#include "app/daemon_jobs.h"

#include "crmcore/logging.h"

namespace crmsync::app {

DaemonJobs::DaemonJobs(const config::DaemonConfig& cfg, const web::EngineMappings& mappings)
    : cfg_(cfg), resources_{cfg, mappings.catalog, mappings.odata, nullptr} {
    if (cfg.jobs.jobs.empty()) {
        return;
    }
    if (jobsReadDropFolder(cfg)) {
        folder_ = std::make_unique<commerceml::DropFolder>(cfg.drop_folder.path);
        resources_.folder = folder_.get();
    }
    jobs_ = std::make_unique<ConfiguredJobs>(cfg, resources_, clock_);
    control_ = std::make_unique<RunnerJobControl>(cfg, jobs_->runner());
    triggers_ = std::make_unique<ChangeTriggers>(cfg, jobs_->runner());
}

DaemonJobs::~DaemonJobs() { stop(); }

void DaemonJobs::start() {
    if (!jobs_) {
        return;
    }
    jobs_->runner().start();
    core::logger("app")->info("{} job(s) from [job.*] running as instance {} (lease ttl {} s)",
                              jobs_->runner().jobNames().size(), instanceName(),
                              cfg_.jobs.lease_ttl.count());
    triggers_->start();
}

void DaemonJobs::stop() {
    if (!jobs_) {
        return;
    }
    triggers_->stop();  // no trigger for a runner that is stopping
    jobs_->runner().stop();
}

}  // namespace crmsync::app
