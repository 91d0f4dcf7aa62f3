#pragma once
// The mappings the daemon runs with: the one in force when a call is made, as a job's run
// takes it, for the API calls that go through the engine (replaying a quarantined record), and
// the mapping files behind them, for the admin's mapping screens (mappings_api.cpp).
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mapping/entity_mapping.h"
#include "mapping/mapping_compiler.h"

namespace crmsync::app::web {

struct EngineMappings {
    using Current = std::function<std::shared_ptr<const mapping::Mapping>()>;
    Current catalog;  // CommerceML: the drop folder, the 1C exchange, `crmsync import`
    Current odata;    // the OData pull; empty when no [odata] mapping is configured

    // A mapping file the daemon watches (app/mapping_watcher.h): a version saved into it is in
    // force from the watcher's next poll. The built-in mapping has no file and is not listed.
    struct File {
        std::string name;            // in the API's paths: "catalog" or "odata"
        std::filesystem::path path;  // as configured
        Current current;             // the version in force
    };
    std::vector<File> files;

    // The database's columns, so a mapping is checked as the daemon will load it (it may
    // target a column an admin added); empty: checked against crmsync's catalog only.
    std::function<mapping::DatabaseColumns()> columns;

    // The mapping that produced the records of a run of `kind` ("odata-pull" or a CommerceML
    // import); null when that mapping is not configured here.
    std::shared_ptr<const mapping::Mapping> forRunKind(const std::string& kind) const {
        const Current& current = kind == "odata-pull" ? odata : catalog;
        return current ? current() : nullptr;
    }

    const File* findFile(const std::string& name) const {
        for (const auto& file : files) {
            if (file.name == name) {
                return &file;
            }
        }
        return nullptr;
    }
};

}  // namespace crmsync::app::web
