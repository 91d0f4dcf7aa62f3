#pragma once
// What a [job.NAME] section's action does, as a scheduler::JobAction: the same calls as the
// daemon's default ticks (odata_job.cpp, drop_folder_job.cpp), run through a store of the
// job's own that is fenced with the run's leases, so that an instance which lost its lease
// commits nothing.
#include <functional>
#include <memory>

#include "adapters/onec/commerceml/drop_folder.h"
#include "config/daemon_config.h"
#include "mapping/entity_mapping.h"
#include "scheduler/job_spec.h"

namespace crmsync::app {

using MappingSource = std::function<std::shared_ptr<const mapping::Mapping>()>;

struct JobResources {
    const config::DaemonConfig& cfg;
    MappingSource catalog_mapping;  // for drop-folder
    MappingSource odata_mapping;    // for odata-*; empty when no job needs it
    commerceml::DropFolder* folder = nullptr;  // for drop-folder
};

// Opens the job's store (crmsync::ExternalUnavailable when the database is down) and returns
// its action. The action's counts: read and written records, conflicts, quarantined records
// and dead letters of the runs it made; for retention, `read` is the run rows purged.
scheduler::JobAction makeJobAction(const config::JobConfig& job, const JobResources& resources);

}  // namespace crmsync::app
