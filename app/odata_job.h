#pragma once
// The daemon's scheduled OData exchange with 1C: each tick pulls what changed in 1C, then (when
// configured) pushes what changed in the CRM, through the OData mapping in force when the tick
// starts. A failure (1C down, login refused) is logged by the runner; the next tick tries again.
#include "config/daemon_config.h"
#include "crmcore/crm_store.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"

namespace crmsync::app {

class OdataJob {
public:
    // `options.should_stop` is asked between batches of the pull and between objects of the
    // push, so a daemon shutting down is not held up by a long exchange.
    OdataJob(const config::OdataConfig& settings, core::CrmStore& store,
             const mapping::Mapping& mapping, sync::ImportOptions options);

    // Returns false when a part of the exchange failed (details in the log and the run rows).
    bool tick();

private:
    const config::OdataConfig& settings_;
    core::CrmStore& store_;
    const mapping::Mapping& mapping_;
    sync::ImportOptions options_;
};

}  // namespace crmsync::app
