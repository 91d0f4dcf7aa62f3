#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/database_columns.h"
#include "app/import_inputs.h"
#include "app/store_factory.h"
#include "crmcore/error.h"
#include "mapping/entity_mapping.h"
#include "mapping/mapping_file.h"
#include "sync/importer.h"

namespace crmsync::app {

int runImport(const Words& words) {
    CliArgs args(words, {"db", "batch", "mapping"}, {});
    std::string url = args.required("db");
    if (args.positional().empty()) {
        throw UsageError("import needs at least one FILE (xml, zip or folder)");
    }
    std::vector<std::filesystem::path> paths(args.positional().begin(), args.positional().end());

    sync::ImportOptions options;
    if (auto batch = args.option("batch")) {
        options.batch_size = static_cast<std::size_t>(std::stoul(*batch));
    }
    // Migrated first, so the mapping is checked against the schema the import writes to.
    auto store = openMigratedStore(url);
    std::optional<mapping::Mapping> from_file;
    if (auto file = args.option("mapping")) {
        mapping::DatabaseColumns columns = readDatabaseColumns(url);
        from_file = mapping::requireMappingFile(*file, {&columns});
    }
    const mapping::Mapping& rules = from_file ? *from_file : mapping::builtinCommerceMlMapping();
    ImportInputs inputs(paths);
    sync::Importer importer(*store, rules, options);
    auto report = importer.run("import", inputs.sources());

    for (const auto& source : report.sources) {
        const auto& c = source.counts;
        std::cout << (source.ok ? "ok     " : "FAILED ") << source.source << ": read " << c.read
                  << ", inserted " << c.inserted << ", updated " << c.updated << ", unchanged "
                  << c.unchanged << ", deactivated " << c.deactivated << ", quarantined "
                  << c.quarantined << "\n";
        if (!source.ok) {
            std::cerr << "error: " << source.error << "\n";
        }
    }
    for (std::size_t i = report.sources.size(); i < inputs.sources().size(); ++i) {
        std::cout << "skipped " << inputs.sources()[i]->name() << " (an earlier file failed)\n";
    }
    std::cout << "run " << report.run_id << (report.ok ? " succeeded" : " failed") << "\n";
    return report.ok ? 0 : 1;
}

}  // namespace crmsync::app
