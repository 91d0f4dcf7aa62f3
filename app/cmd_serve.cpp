#include "app/cli_args.h"
#include "app/commands.h"
#include "app/daemon.h"

namespace crmsync::app {

int runServe(const Words& words, int, char** argv) {
    CliArgs args(words, {"config", "db", "listen"}, {});
    ServeOverrides overrides;
    overrides.config_path = args.required("config");
    overrides.db_url = args.option("db");
    overrides.listen = args.option("listen");
    Daemon daemon(overrides);
    // Poco sees only the program name: our options are already parsed.
    char* poco_argv[] = {argv[0], nullptr};
    return daemon.run(1, poco_argv);
}

}  // namespace crmsync::app
