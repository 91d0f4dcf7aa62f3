#pragma once
// The drop-folder exchange job: each tick imports the files that are complete, one run per
// file in exchange order, and moves each to done/ or failed/ (with the reason beside it). A
// shutdown (options.should_stop) stops the file being imported after its current batch and
// leaves it in place, with the files after it: the next start imports it again, skipping by
// content hash what was committed.
#include <memory>

#include "adapters/onec/commerceml/drop_folder.h"
#include "crmcore/crm_store.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"

namespace crmsync::app {

class DropFolderJob {
public:
    DropFolderJob(commerceml::DropFolder& folder, core::CrmStore& store,
                  const mapping::Mapping& mapping, sync::ImportOptions options);

    // Imports what is ready; returns how many files were taken. Database outages propagate
    // (the file stays in place and is tried again at the next tick), as does a shutdown.
    int tick();

private:
    bool stopping() const;

    commerceml::DropFolder& folder_;
    core::CrmStore& store_;
    const mapping::Mapping& mapping_;
    sync::ImportOptions options_;
};

}  // namespace crmsync::app
