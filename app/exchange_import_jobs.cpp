#include "app/exchange_import_jobs.h"

#include "adapters/onec/commerceml/commerceml_file_source.h"
#include "app/store_factory.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "sync/run_scope.h"
#include "util/sha256.h"

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

// What identifies a file imported in full: its content and the version of the mapping it was
// applied with.
std::string importDigest(const std::filesystem::path& path, const std::string& mapping_version) {
    return util::sha256Hex(util::sha256OfFile(path) + " " + mapping_version);
}

}  // namespace

struct ExchangeImportJobs::Job {
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

ExchangeImportJobs::ExchangeImportJobs(std::string db_url, mapping::MappingSource mappings,
                                 sync::ImportOptions options, AfterRun after_run)
    : db_url_(std::move(db_url)),
      mappings_(std::move(mappings)),
      options_(std::move(options)),
      after_run_(std::move(after_run)) {
    options_.should_stop = [this] { return stopping_.load(); };
}

ExchangeImportJobs::~ExchangeImportJobs() { stop(); }

void ExchangeImportJobs::stop() {
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

ImportProgress ExchangeImportJobs::importFiles(const std::string& name,
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

void ExchangeImportJobs::reapFinished() {
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

void ExchangeImportJobs::work(Job& job) {
    auto log = core::logger("exchange");
    ImportProgress result{ImportProgress::State::Succeeded, ""};
    try {
        auto store = openMigratedStore(db_url_);
        std::shared_ptr<const mapping::Mapping> mapping = mappings_();
        std::vector<std::string> lines;
        // A file counts as imported by its content and the mapping it was applied with: the
        // same file sent again after a mapping edit is applied again.
        std::vector<std::unique_ptr<core::RecordSource>> sources;
        std::vector<std::pair<std::string, std::string>> digests_and_names;
        for (const auto& file : job.files) {
            std::string digest = importDigest(file.path, mapping->version);
            if (auto earlier = store->importedFiles().runOf(digest)) {
                lines.push_back(file.display_name + ": already imported in full by run " +
                                std::to_string(*earlier) + ", not applied again");
                continue;
            }
            sources.push_back(
                std::make_unique<commerceml::CommerceMlFileSource>(file.path, file.display_name));
            digests_and_names.emplace_back(std::move(digest), file.display_name);
        }
        if (sources.empty()) {
            // Recorded as a run all the same: 1C called, and the run log says what came of it.
            std::string input;
            for (const auto& file : job.files) {
                input += (input.empty() ? "" : " ") + file.display_name;
            }
            sync::RunScope run(store->runs(), "exchange", input);
            run.succeed();
            lines.push_back("run " + std::to_string(run.id()));
            for (const auto& line : lines) {
                result.text += (result.text.empty() ? "" : "\n") + line;
            }
        } else {
            sync::ImportOptions options = options_;
            options.on_source = [&job](const std::string& name, std::size_t position,
                                       std::size_t count) {
                std::lock_guard lock(job.mutex);
                job.current = "importing " + name +
                              (count > 1 ? " (file " + std::to_string(position) + " of " +
                                               std::to_string(count) + ")"
                                         : "");
            };
            sync::Importer importer(*store, *mapping, std::move(options));
            auto report = importer.run("exchange", sources);
            for (std::size_t i = 0; i < report.sources.size(); ++i) {
                const auto& outcome = report.sources[i];
                // Only a file applied without a refused record counts as imported in full: the
                // same file sent again after the cause was fixed must get its refused records
                // in.
                if (outcome.ok && outcome.counts.quarantined == 0) {
                    store->importedFiles().record(digests_and_names[i].first,
                                                  digests_and_names[i].second, report.run_id);
                }
                if (outcome.ok) {
                    lines.push_back(countsText(outcome.source, outcome.counts));
                }
            }
            const auto& totals = report.totals;
            if (after_run_ && totals.inserted + totals.updated + totals.deactivated > 0) {
                after_run_(*store, report.run_id);
            }
            if (report.ok) {
                lines.push_back("run " + std::to_string(report.run_id));
                for (const auto& line : lines) {
                    result.text += (result.text.empty() ? "" : "\n") + line;
                }
            } else {
                result = {ImportProgress::State::Failed,
                          report.sources.back().error + " (run " +
                              std::to_string(report.run_id) + ")"};
            }
            log->info("job={} run={} {}", job.name, report.run_id,
                      report.ok ? "succeeded" : report.sources.back().error);
        }
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
