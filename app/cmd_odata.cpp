// crmsync odata pull|push: the OData exchange with 1C run once from the command line, so it can
// be scripted without the scheduler.
#include <cstdlib>
#include <iostream>

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "adapters/onec/odata/odata_object_writer.h"
#include "app/cli_args.h"
#include "app/commands.h"
#include "app/store_factory.h"
#include "mapping/mapping_file.h"
#include "sync/object_pull.h"
#include "sync/object_push.h"

namespace crmsync::app {

namespace {

// The 1C password never appears on the command line (where `ps` shows it) nor in a file.
constexpr const char* kPasswordVariable = "CRMSYNC_ONEC_PASSWORD";

odata::OdataSettings onecSettings(const CliArgs& args) {
    odata::OdataSettings settings;
    settings.base_url = args.required("url");
    settings.user = args.required("user");
    if (const char* password = std::getenv(kPasswordVariable)) {
        settings.password = password;
    }
    return settings;
}

void printCounts(const core::RunCounts& c) {
    std::cout << "read " << c.read << ", inserted " << c.inserted << ", updated " << c.updated
              << ", unchanged " << c.unchanged << ", deactivated " << c.deactivated
              << ", quarantined " << c.quarantined;
}

int runPull(const Words& words) {
    CliArgs args(words, {"db", "mapping", "url", "user", "entity", "batch"}, {"full"});
    auto settings = onecSettings(args);
    auto rules = mapping::requireMappingFile(args.required("mapping"));
    sync::PullOptions options;
    options.entities = args.options("entity");
    options.full = args.flag("full");
    if (auto batch = args.option("batch")) {
        options.import.batch_size = static_cast<std::size_t>(std::stoul(*batch));
    }
    auto store = openMigratedStore(args.required("db"));
    odata::OdataClient client(settings);
    odata::OdataObjectReader reader(client);
    auto report = sync::pullFromOneC(*store, rules, reader, options);

    for (std::size_t i = 0; i < report.import.sources.size(); ++i) {
        const auto& source = report.import.sources[i];
        const auto& stats = report.entities[i];
        std::cout << (source.ok ? "ok     " : "FAILED ") << source.source << ": "
                  << (stats.incremental ? "scanned " + std::to_string(stats.scanned) + ", " : "")
                  << "fetched " << stats.fetched << "; ";
        printCounts(source.counts);
        std::cout << "\n";
        if (!source.ok) {
            std::cerr << "error: " << source.error << "\n";
        }
    }
    for (std::size_t i = report.import.sources.size(); i < report.entities.size(); ++i) {
        std::cout << "skipped " << report.entities[i].entity << " (an earlier entity failed)\n";
    }
    std::cout << "run " << report.import.run_id << (report.import.ok ? " succeeded" : " failed")
              << ": " << report.requests << " requests to 1C\n";
    return report.import.ok ? 0 : 1;
}

int runPush(const Words& words) {
    CliArgs args(words, {"db", "mapping", "url", "user", "entity"}, {"no-post"});
    auto settings = onecSettings(args);
    auto rules = mapping::requireMappingFile(args.required("mapping"));
    sync::PushOptions options;
    options.entities = args.options("entity");
    options.post_documents = !args.flag("no-post");
    // Nothing to push from a database that does not exist yet: a mistyped URL must not create one.
    requireExistingDatabase(args.required("db"));
    auto store = openMigratedStore(args.required("db"));
    odata::OdataClient client(settings);
    odata::OdataObjectWriter writer(client);
    auto report = sync::pushToOneC(*store, rules, writer, options);

    for (const auto& s : report.entities) {
        std::cout << s.entity << ": examined " << s.examined << ", created " << s.created
                  << ", found after a lost answer " << s.adopted << ", updated " << s.updated
                  << ", unchanged " << s.unchanged << ", conflicts " << s.conflicts
                  << ", failed " << s.failed << "\n";
    }
    for (const auto& failure : report.failures) {
        std::cerr << "error: " << failure.entity << " crm id " << failure.crm_id << ": "
                  << failure.message << "\n";
    }
    if (!report.error.empty()) {
        std::cerr << "error: " << report.error << "\n";
    }
    std::cout << "run " << report.run_id << (report.ok ? " succeeded" : " failed") << ": "
              << report.requests << " requests to 1C\n";
    return report.ok ? 0 : 1;
}

}  // namespace

int runOdata(const Words& words) {
    if (words.empty()) {
        throw UsageError("odata needs a sub-command: pull or push");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "pull") {
        return runPull(rest);
    }
    if (words.front() == "push") {
        return runPush(rest);
    }
    throw UsageError("unknown odata sub-command '" + words.front() + "'");
}

}  // namespace crmsync::app
