#include "app/exchange_imports.h"

#include "adapters/onec/commerceml/commerceml_file_source.h"
#include "adapters/onec/commerceml/exchange_digest.h"
#include "app/store_factory.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::app {

namespace {

using commerceml::ImportProgress;

// A finished job nobody asked about again (1C gave up) is forgotten after this long.
constexpr std::chrono::hours kFinishedJobKept{1};

std::string countsText(const std::string& name, const core::RunCounts& c) {
    return name + ": read " + std::to_string(c.read) + ", inserted " + std::to_string(c.inserted) +
           ", updated " + std::to_string(c.updated) + ", unchanged " +
           std::to_string(c.unchanged) + ", deactivated " + std::to_string(c.deactivated) +
           ", quarantined " + std::to_string(c.quarantined);
}

}  // namespace

struct ExchangeImports::Job {
    std::string name;
    std::vector<commerceml::UploadedFile> files;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    bool finished = false;
    std::chrono::steady_clock::time_point finished_at;
    std::string current;  // what the thread does now, for progress answers
    ImportProgress result;
};

ExchangeImports::ExchangeImports(std::string db_url, mapping::MappingSource mappings,
                                 sync::ImportOptions options, AfterRun after_run)
    : db_url_(std::move(db_url)),
      mappings_(std::move(mappings)),
      options_(std::move(options)),
      after_run_(std::move(after_run)) {
    options_.should_stop = [this] { return stopping_.load(); };
}

ExchangeImports::~ExchangeImports() { stop(); }

void ExchangeImports::stop() {
    std::map<std::string, std::shared_ptr<Job>> jobs;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs.swap(jobs_);
    }
    for (auto& [name, job] : jobs) {
        if (job->thread.joinable()) {
            job->thread.join();
        }
    }
}

ImportProgress ExchangeImports::importFiles(const std::string& name,
                                            const std::vector<commerceml::UploadedFile>& files,
                                            std::chrono::steady_clock::time_point deadline) {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(mutex_);
        // Checked under the lock stop() takes: no job can start after stop() collected them.
        if (stopping_) {
            return {ImportProgress::State::Failed, "crmsync is shutting down; try again later"};
        }
        reapFinished();
        auto& slot = jobs_[name];
        if (!slot) {
            slot = std::make_shared<Job>();
            slot->name = name;
            slot->files = files;
            slot->current = "starting";
            Job& started = *slot;
            slot->thread = std::thread([this, &started] { work(started); });
        }
        job = slot;
    }
    std::unique_lock lock(job->mutex);
    job->changed.wait_until(lock, deadline, [&job] { return job->finished; });
    if (!job->finished) {
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - job->started)
                           .count();
        return {ImportProgress::State::Running,
                job->current + ", " + std::to_string(seconds) + " s so far"};
    }
    ImportProgress result = job->result;
    lock.unlock();
    // Answered: the next call for the same file starts afresh (and finds it imported).
    std::lock_guard registry(mutex_);
    if (auto it = jobs_.find(name); it != jobs_.end() && it->second == job) {
        job->thread.join();
        jobs_.erase(it);
    }
    return result;
}

void ExchangeImports::reapFinished() {
    auto now = std::chrono::steady_clock::now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        Job& job = *it->second;
        bool stale = false;
        {
            std::lock_guard lock(job.mutex);
            stale = job.finished && now - job.finished_at > kFinishedJobKept;
        }
        if (stale) {
            job.thread.join();
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
}

void ExchangeImports::work(Job& job) {
    auto log = core::logger("exchange");
    auto set_current = [&job](std::string what) {
        std::lock_guard lock(job.mutex);
        job.current = std::move(what);
    };
    ImportProgress result{ImportProgress::State::Succeeded, ""};
    try {
        auto store = openMigratedStore(db_url_);
        std::string input;
        for (const auto& file : job.files) {
            input += (input.empty() ? "" : " ") + file.display_name;
        }
        std::int64_t run_id = store->startRun("exchange", input);
        std::shared_ptr<const mapping::Mapping> mapping = mappings_();
        sync::Importer importer(*store, *mapping, options_);
        core::RunCounts totals;
        std::string error;
        std::vector<std::string> lines;
        for (std::size_t i = 0; i < job.files.size() && error.empty(); ++i) {
            const auto& file = job.files[i];
            std::string position = job.files.size() > 1 ? " (file " + std::to_string(i + 1) +
                                                              " of " +
                                                              std::to_string(job.files.size()) + ")"
                                                        : "";
            set_current("importing " + file.display_name + position);
            std::string digest = commerceml::sha256OfFile(file.path);
            if (auto earlier = store->fileImportRun(digest)) {
                lines.push_back(file.display_name + ": already imported in full by run " +
                                std::to_string(*earlier) + ", not applied again");
                continue;
            }
            commerceml::CommerceMlFileSource source(file.path, file.display_name);
            auto outcome = importer.importSource(run_id, source);
            totals += outcome.counts;
            if (!outcome.ok) {
                error = outcome.error;
                break;
            }
            // Only a file applied without a refused record counts as imported in full: the
            // same file sent again after the cause was fixed must get its refused records in.
            if (outcome.counts.quarantined == 0) {
                store->recordFileImported(digest, file.display_name, run_id);
            }
            lines.push_back(countsText(file.display_name, outcome.counts));
        }
        store->finishRun(run_id, error.empty() ? "succeeded" : "failed", totals, error);
        if (after_run_ && totals.inserted + totals.updated + totals.deactivated > 0) {
            after_run_(*store, run_id);
        }
        if (error.empty()) {
            lines.push_back("run " + std::to_string(run_id));
            for (const auto& line : lines) {
                result.text += (result.text.empty() ? "" : "\n") + line;
            }
        } else {
            result = {ImportProgress::State::Failed,
                      error + " (run " + std::to_string(run_id) + ")"};
        }
        log->info("job={} run={} {}", job.name, run_id, error.empty() ? "succeeded" : error);
    } catch (const std::exception& e) {
        // The thread's boundary: nothing may escape it, and 1C must get a readable answer.
        log->error("job={} failed: {}", job.name, e.what());
        result = {ImportProgress::State::Failed, e.what()};
    }
    std::lock_guard lock(job.mutex);
    job.result = std::move(result);
    job.finished = true;
    job.finished_at = std::chrono::steady_clock::now();
    job.changed.notify_all();
}

}  // namespace crmsync::app
