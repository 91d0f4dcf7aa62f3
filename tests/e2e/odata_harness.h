#pragma once
// What the OData pull and push tests share: the sample УТ 11 mapping, a client set up for the
// emulator (short retry delays, small pages so paging happens), and one pull.
#include <chrono>

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "mapping/mapping_file.h"
#include "sync/object_pull.h"
#include "tests/emulator/odata_emulator.h"
#include "tests/support/test_database.h"

namespace crmsync::test {

inline const mapping::Mapping& odataSampleMapping() {
    static const mapping::Mapping loaded =
        mapping::requireMappingFile(projectConfig() / "mappings" / "odata-ut11.xml");
    return loaded;
}

inline odata::OdataSettings odataSettingsFor(const emulator::OdataEmulator& onec) {
    odata::OdataSettings settings;
    settings.base_url = onec.url();
    settings.user = onec.options().user;
    settings.password = onec.options().password;
    settings.read_timeout = std::chrono::milliseconds(5000);
    settings.page_size = 7;  // several pages even for the small infobase
    settings.retry.attempts = 8;
    settings.retry.base_delay = std::chrono::milliseconds(1);
    settings.retry.max_delay = std::chrono::milliseconds(5);
    return settings;
}

inline sync::PullReport pullSample(TestDatabase& db, emulator::OdataEmulator& onec,
                                   bool full = false) {
    odata::OdataClient client(odataSettingsFor(onec));
    odata::OdataObjectReader reader(client);
    sync::PullOptions options;
    options.full = full;
    return sync::pullFromOneC(db.store(), odataSampleMapping(), reader, options);
}

}  // namespace crmsync::test
