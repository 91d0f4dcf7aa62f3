// `crmsync mapping check FILE [--db URL]`: every problem of a mapping file, XSD and semantic, as
// "file:line:column: message" on stderr; exit 0 when clean, 1 otherwise.
#include <iostream>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "adapters/crmdb/table_columns.h"
#include "app/cli_args.h"
#include "app/commands.h"
#include "mapping/mapping_file.h"

namespace crmsync::app {

namespace {

int runCheck(const Words& words) {
    CliArgs args(words, {"db"}, {});
    if (args.positional().size() != 1) {
        throw UsageError("mapping check needs exactly one FILE");
    }
    const std::string& file = args.positional().front();
    mapping::DatabaseColumns columns;
    mapping::CompileOptions options;
    if (auto url = args.option("db")) {
        auto parsed = crmdb::parseDatabaseUrl(*url);
        auto sql = crmdb::openSession(parsed);
        columns = crmdb::tableColumns(*sql, parsed.dialect());
        options.database = &columns;
    }
    auto result = mapping::loadMappingFile(file, options);
    if (!result.mapping) {
        std::cerr << result.diagnostics.text();
        return 1;
    }
    std::cout << file << ": ok (" << result.mapping->entities.size() << " entities, version "
              << result.mapping->version << ")\n";
    return 0;
}

}  // namespace

int runMapping(const Words& words) {
    if (words.empty()) {
        throw UsageError("mapping needs a sub-command: check");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "check") {
        return runCheck(rest);
    }
    throw UsageError("unknown mapping sub-command '" + words.front() + "' (valid: check)");
}

}  // namespace crmsync::app
