#include "app/drop_folder_job.h"

#include "app/import_inputs.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::app {

DropFolderJob::DropFolderJob(commerceml::DropFolder& folder, core::CrmStore& store,
                             const mapping::Mapping& mapping, sync::ImportOptions options)
    : folder_(folder), store_(store), mapping_(mapping), options_(std::move(options)) {}

bool DropFolderJob::stopping() const { return options_.should_stop && options_.should_stop(); }

int DropFolderJob::tick() {
    auto log = core::logger("sync");
    int taken = 0;
    for (const auto& file : folder_.readyFiles()) {
        if (stopping()) {
            break;
        }
        ++taken;
        std::string failure;
        try {
            ImportInputs inputs({file});
            sync::Importer importer(store_, mapping_, options_);
            auto report = importer.run("drop-folder", inputs.sources());
            if (!report.ok) {
                failure = "run " + std::to_string(report.run_id) + ": " +
                          (report.sources.empty() ? "failed" : report.sources.back().error);
            }
        } catch (const InputError& e) {
            failure = e.what();
        }
        if (!failure.empty() && stopping()) {
            // Stopped half-way by the shutdown, not refused: the file waits for the next start.
            log->info("drop folder: {} left in place for the next start: {}",
                      file.filename().string(), failure);
            break;
        }
        if (failure.empty()) {
            auto moved = folder_.moveToDone(file);
            log->info("drop folder: {} imported, moved to {}", file.filename().string(),
                      moved.string());
        } else {
            auto moved = folder_.moveToFailed(file, failure);
            log->error("drop folder: {} failed, moved to {}: {}", file.filename().string(),
                       moved.string(), failure);
        }
    }
    return taken;
}

}  // namespace crmsync::app
