#include "tests/e2e/cli_runner.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <thread>

namespace crmsync::test {

CliOutcome runCrmsync(const std::vector<std::string>& args) {
    Poco::Pipe out_pipe;
    Poco::Pipe err_pipe;
    auto handle = Poco::Process::launch(CRMSYNC_BINARY, args, nullptr, &out_pipe, &err_pipe);
    CliOutcome outcome;
    // stderr carries the log, which can outgrow a pipe's buffer: it is drained alongside
    // stdout so the child never blocks on a full pipe.
    std::thread err_reader([&] {
        Poco::PipeInputStream err_stream(err_pipe);
        Poco::StreamCopier::copyToString(err_stream, outcome.err);
    });
    Poco::PipeInputStream out_stream(out_pipe);
    Poco::StreamCopier::copyToString(out_stream, outcome.out);
    err_reader.join();
    outcome.code = handle.wait();
    return outcome;
}

}  // namespace crmsync::test
