#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/store_factory.h"

namespace crmsync::app {

int runMigrate(const Words& words) {
    CliArgs args(words, {"db"}, {});
    if (!args.positional().empty()) {
        throw UsageError("migrate takes no positional arguments");
    }
    openMigratedStore(args.required("db"));
    std::cout << "schema is up to date\n";
    return 0;
}

}  // namespace crmsync::app
