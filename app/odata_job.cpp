#include "app/odata_job.h"

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "adapters/onec/odata/odata_object_writer.h"
#include "crmcore/logging.h"
#include "sync/object_pull.h"
#include "sync/object_push.h"

namespace crmsync::app {

OdataJob::OdataJob(const config::OdataConfig& settings, core::CrmStore& store,
                   const mapping::Mapping& mapping, sync::ImportOptions options)
    : settings_(settings), store_(store), mapping_(mapping), options_(std::move(options)) {}

bool OdataJob::tick() {
    odata::OdataSettings client_settings;
    client_settings.base_url = settings_.url;
    client_settings.user = settings_.user;
    client_settings.password = settings_.password.reveal();
    odata::OdataClient client(client_settings);
    auto log = core::logger("odata-job");

    odata::OdataObjectReader reader(client);
    sync::PullOptions pull_options;
    pull_options.import = options_;
    auto pulled = sync::pullFromOneC(store_, mapping_, reader, pull_options);
    log->info("run={} pull {}: {} requests to 1C", pulled.import.run_id,
              pulled.import.ok ? "succeeded" : "failed", pulled.requests);
    // Pushing over a pull that failed would compare against a stale view of 1C.
    if (!pulled.import.ok || !settings_.push) {
        return pulled.import.ok;
    }
    odata::OdataObjectWriter writer(client);
    sync::PushOptions push_options;
    push_options.should_stop = options_.should_stop;
    push_options.delivery.max_attempts = settings_.max_attempts;
    auto pushed = sync::pushToOneC(store_, mapping_, writer, push_options);
    log->info("run={} push {}: {} requests to 1C", pushed.run_id,
              pushed.ok ? "succeeded" : "failed", pushed.requests);
    return pushed.ok;
}

}  // namespace crmsync::app
