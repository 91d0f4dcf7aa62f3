#pragma once
// The background imports behind the 1C endpoint's mode=import. 1C waits for each HTTP call only
// so long, so an import runs in a thread of its own and each call looks in on it for at most
// one step; the thread keeps going between calls. One store (database connection) per thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/onec/commerceml/exchange_backend.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"

namespace crmsync::app {

class ExchangeImportJobs {
public:
    // Called on the job's thread after every run that applied something, with the job's store.
    using AfterRun = std::function<void(core::CrmStore& store, std::int64_t run_id)>;

    // Each import job runs with the mapping `mappings` gives when it starts.
    ExchangeImportJobs(std::string db_url, mapping::MappingSource mappings,
                    sync::ImportOptions options, AfterRun after_run);
    // Stops (see stop()).
    ~ExchangeImportJobs();
    ExchangeImportJobs(const ExchangeImportJobs&) = delete;
    ExchangeImportJobs& operator=(const ExchangeImportJobs&) = delete;

    // ExchangeBackend::importFiles: starts the job or looks in on it until `deadline`.
    commerceml::ImportProgress importFiles(const std::string& job,
                                           const std::vector<commerceml::UploadedFile>& files,
                                           std::chrono::steady_clock::time_point deadline);

    // Running imports stop after their current batch (what they committed stays; the next
    // import call of 1C after a restart carries on from there); waits for their threads.
    void stop();

private:
    struct Job;
    void work(Job& job);
    void reapFinished();

    std::string db_url_;
    mapping::MappingSource mappings_;
    sync::ImportOptions options_;
    AfterRun after_run_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
};

}  // namespace crmsync::app
