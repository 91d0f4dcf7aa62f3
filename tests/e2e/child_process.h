#pragma once
// Another binary run by a test (crmsync, onec-emulator), its stdout and stderr collected. A child
// still running when the object goes — the test finished or failed early — is killed and reaped,
// so no server outlives its test.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Pipe.h>
#include <Poco/Process.h>

namespace crmsync::test {

class ChildProcess {
public:
    // `env` is added to the test's own environment.
    ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                 const Poco::Process::Env& env = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool running();
    // Waits for the exit and returns the exit code (256 + the signal number if a signal ended it).
    int wait();
    // The exit code, or nullopt when the child still runs after `timeout`.
    std::optional<int> waitFor(std::chrono::milliseconds timeout);
    // Sends `signal` and returns at once (SIGSTOP, SIGCONT).
    void signal(int signal);
    int pid() const { return static_cast<int>(handle_.id()); }
    // Sends `signal`, then waitFor(timeout).
    std::optional<int> stop(int signal, std::chrono::milliseconds timeout);

    // Complete once the child has exited.
    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }

private:
    void exited(int code);

    Poco::Pipe out_pipe_;
    Poco::Pipe err_pipe_;
    Poco::ProcessHandle handle_;
    std::optional<int> code_;  // once reaped: the pid may then be another process's
    std::string out_;
    std::string err_;
    // Both pipes are drained while the child runs: one that fills blocks the child.
    std::thread out_reader_;
    std::thread err_reader_;
};

// A loopback port that was free a moment ago, for a child server to bind itself.
unsigned short freeLoopbackPort();

}  // namespace crmsync::test
