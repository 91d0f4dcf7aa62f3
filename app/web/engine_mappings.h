#pragma once
// The mappings the daemon runs with, for the API calls that go through the engine (replaying
// a quarantined record): the one in force when the call is made, as a job's run takes it.
#include <functional>
#include <memory>
#include <string>

#include "mapping/entity_mapping.h"

namespace crmsync::app::web {

struct EngineMappings {
    using Current = std::function<std::shared_ptr<const mapping::Mapping>()>;
    Current catalog;  // CommerceML: the drop folder, the 1C exchange, `crmsync import`
    Current odata;    // the OData pull; empty when no [odata] mapping is configured

    // The mapping that produced the records of a run of `kind` ("odata-pull" or a CommerceML
    // import); null when that mapping is not configured here.
    std::shared_ptr<const mapping::Mapping> forRunKind(const std::string& kind) const {
        const Current& current = kind == "odata-pull" ? odata : catalog;
        return current ? current() : nullptr;
    }
};

}  // namespace crmsync::app::web
