#include "tests/e2e/child_process.h"

#include <csignal>

#include <Poco/Net/ServerSocket.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>

namespace crmsync::test {

namespace {

std::thread drain(Poco::Pipe& pipe, std::string& into) {
    return std::thread([&pipe, &into] {
        Poco::PipeInputStream stream(pipe);
        Poco::StreamCopier::copyToString(stream, into);
    });
}

}  // namespace

ChildProcess::ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                           const Poco::Process::Env& env)
    : handle_(Poco::Process::launch(binary, args, nullptr, &out_pipe_, &err_pipe_, env)),
      out_reader_(drain(out_pipe_, out_)),
      err_reader_(drain(err_pipe_, err_)) {}

ChildProcess::~ChildProcess() {
    if (!code_) {
        ::kill(handle_.id(), SIGKILL);
        try {
            exited(handle_.wait());
        } catch (...) {
            // nothing more to do for a child that cannot be reaped, and a destructor must not throw
        }
    }
    if (out_reader_.joinable()) {
        out_reader_.join();
    }
    if (err_reader_.joinable()) {
        err_reader_.join();
    }
}

void ChildProcess::exited(int code) {
    code_ = code;
    // The pipes reach their end once the child is gone.
    out_reader_.join();
    err_reader_.join();
}

bool ChildProcess::running() {
    if (!code_) {
        if (int code = handle_.tryWait(); code != -1) {
            exited(code);
        }
    }
    return !code_;
}

int ChildProcess::wait() {
    if (!code_) {
        exited(handle_.wait());
    }
    return *code_;
}

std::optional<int> ChildProcess::waitFor(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return code_;
}

void ChildProcess::signal(int signal) {
    if (!code_) {
        ::kill(handle_.id(), signal);
    }
}

std::optional<int> ChildProcess::stop(int signal, std::chrono::milliseconds timeout) {
    if (running()) {
        ::kill(handle_.id(), signal);
    }
    return waitFor(timeout);
}

unsigned short freeLoopbackPort() {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    return probe.address().port();
}

}  // namespace crmsync::test
