#include "adapters/crmdb/stop_signal.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crmcore/error.h"

namespace crmsync::crmdb {

StopSignal::StopSignal() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw Error(std::string("cannot make a pipe for the stop signal: ") +
                    std::strerror(errno));
    }
    read_end_ = ends[0];
    write_end_ = ends[1];
}

StopSignal::~StopSignal() {
    ::close(read_end_);
    ::close(write_end_);
}

void StopSignal::notify() {
    // One byte is enough and is never read: the read end stays readable for good. A full pipe
    // (EAGAIN) means it is readable already.
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(write_end_, &byte, 1);
}

bool StopSignal::notified() const { return waitFor(std::chrono::milliseconds(0)); }

bool StopSignal::waitFor(std::chrono::milliseconds timeout) const {
    pollfd fd{read_end_, POLLIN, 0};
    for (;;) {
        int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
        if (ready >= 0 || errno != EINTR) {
            return ready > 0;
        }
        // EINTR: a signal for the process (SIGTERM is handled by the daemon); poll again. The
        // timeout restarts, which only lengthens a sleep that is cut short by notify() anyway.
    }
}

}  // namespace crmsync::crmdb
