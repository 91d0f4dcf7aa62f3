#include "tests/e2e/cli_runner.h"

#include "tests/e2e/child_process.h"

namespace crmsync::test {

CliOutcome runCrmsync(const std::vector<std::string>& args, const Poco::Process::Env& env) {
    ChildProcess crmsync(CRMSYNC_BINARY, args, env);
    CliOutcome outcome;
    outcome.code = crmsync.wait();
    outcome.out = crmsync.out();
    outcome.err = crmsync.err();
    return outcome;
}

}  // namespace crmsync::test
