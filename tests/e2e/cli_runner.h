#pragma once
// Runs the crmsync binary the way an admin does and captures what it prints.
#include <string>
#include <vector>

#include <Poco/Process.h>

namespace crmsync::test {

struct CliOutcome {
    int code = 0;
    std::string out;
    std::string err;
};

// Runs CRMSYNC_BINARY with `args` (and `env` added to the test's environment) and waits for it
// to exit.
CliOutcome runCrmsync(const std::vector<std::string>& args, const Poco::Process::Env& env = {});

}  // namespace crmsync::test
