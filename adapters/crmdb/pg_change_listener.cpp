#include "adapters/crmdb/pg_change_listener.h"

#include <poll.h>

#include <cerrno>
#include <set>

#include <libpq-fe.h>

#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

using SteadyClock = std::chrono::steady_clock;

// A silently dead peer (a cable pulled, a firewall dropping the idle connection) shows up as an
// error within about 30 s instead of never: the kernel probes the idle connection.
std::string withKeepalives(const std::string& conninfo) {
    if (conninfo.find("keepalives") != std::string::npos) {
        return conninfo;  // the admin chose
    }
    return conninfo + " keepalives=1 keepalives_idle=15 keepalives_interval=5 keepalives_count=3";
}

// libpq's text on one line: its messages span several, which would split a log line.
std::string oneLine(const char* message) {
    std::string text;
    for (const char* c = message; c != nullptr && *c != '\0'; ++c) {
        const bool blank = *c == '\n' || *c == '\t' || *c == ' ';
        if (!blank) {
            text += *c;
        } else if (!text.empty() && text.back() != ' ') {
            text += ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text;
}

std::string lastError(PGconn* conn) {
    std::string text = conn != nullptr ? oneLine(PQerrorMessage(conn)) : "out of memory";
    return text.empty() ? "connection closed" : text;
}

// The server's notices (a FATAL before it closes the connection) go to the log, not stderr.
void logNotice(void*, const char* message) {
    core::logger("crmdb")->info("change listener: the server says: {}", oneLine(message));
}

// "sales_order:42" -> "sales_order".
std::string tableOf(const char* payload) {
    std::string text = payload != nullptr ? payload : "";
    return text.substr(0, text.find(':'));
}

}  // namespace

PgChangeListener::PgChangeListener(std::string conninfo, std::string redacted,
                                   PgListenerSettings settings)
    : conninfo_(withKeepalives(conninfo)), redacted_(std::move(redacted)),
      settings_(settings) {}

PgChangeListener::~PgChangeListener() { stop(); }

void PgChangeListener::start(OnChange on_change) {
    on_change_ = std::move(on_change);
    thread_ = std::thread([this] { run(); });
}

void PgChangeListener::stop() {
    stop_.notify();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void PgChangeListener::run() {
    auto log = core::logger("crmdb");
    util::Backoff backoff(settings_.reconnect);
    bool was_connected = false;
    int failed = 0;  // connection attempts in a row that failed
    while (!stop_.notified()) {
        PGconn* conn = connectAndListen();
        if (conn == nullptr) {
            ++failed;
        } else {
            if (was_connected || failed > 0) {
                log->info("change listener: listening again at {} ({} failed attempt(s) before)",
                          redacted_, failed);
            } else {
                log->info("change listener: listening on {} at {}", kCrmChangeChannel,
                          redacted_);
            }
            was_connected = true;
            failed = 0;
            // Whatever changed while nobody listened (before the start, during an outage)
            // notified no one: let every watcher look once.
            on_change_(core::kAnyCrmTable);
            const bool stopped = listen(conn);
            if (!stopped) {
                log->warn("change listener: connection to {} lost, reconnecting: {}", redacted_,
                          lastError(conn));
            }
            PQfinish(conn);
            if (stopped) {
                break;
            }
        }
        // No connection, no notifications: jobs with a schedule still run on it meanwhile.
        // The first attempt after a drop comes after the base delay, then doubling.
        auto delay = backoff.delayBefore(std::min(failed, 30) + 1);
        if (stop_.waitFor(delay)) {
            break;
        }
    }
}

bool PgChangeListener::waitForSocket(PGconn* conn, short events,
                                     SteadyClock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          SteadyClock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd fds[2] = {{PQsocket(conn), events, 0}, {stop_.fd(), POLLIN, 0}};
        int ready = ::poll(fds, 2, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0 || fds[1].revents != 0) {
            return false;
        }
        if (fds[0].revents != 0) {
            return true;  // readable, writable, or an error libpq will report
        }
    }
}

PGconn* PgChangeListener::connectAndListen() {
    auto log = core::logger("crmdb");
    const auto deadline = SteadyClock::now() + settings_.connect_timeout;
    // Asynchronous, so that a stop during a connection attempt to an unreachable server does
    // not wait for the attempt's timeout.
    PGconn* conn = PQconnectStart(conninfo_.c_str());
    if (conn == nullptr || PQstatus(conn) == CONNECTION_BAD) {
        log->warn("change listener: cannot connect to {}: {}", redacted_, lastError(conn));
        PQfinish(conn);
        return nullptr;
    }
    PQsetNoticeProcessor(conn, logNotice, nullptr);
    for (PostgresPollingStatusType state = PGRES_POLLING_WRITING;;) {
        if (state == PGRES_POLLING_OK) {
            break;
        }
        if (state == PGRES_POLLING_FAILED ||
            !waitForSocket(conn, state == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline)) {
            if (!stop_.notified()) {
                log->warn("change listener: cannot connect to {}: {}", redacted_,
                          state == PGRES_POLLING_FAILED ? lastError(conn) : "timed out");
            }
            PQfinish(conn);
            return nullptr;
        }
        state = PQconnectPoll(conn);
    }
    const std::string listen = std::string("LISTEN ") + kCrmChangeChannel;
    bool ok = PQsendQuery(conn, listen.c_str()) == 1;
    // The LISTEN's results, read without blocking on a server that stopped answering.
    while (ok) {
        while (ok && PQisBusy(conn) == 1) {
            ok = waitForSocket(conn, POLLIN, deadline) && PQconsumeInput(conn) == 1;
        }
        if (!ok) {
            break;
        }
        PGresult* result = PQgetResult(conn);
        if (result == nullptr) {
            break;  // all read
        }
        ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
    }
    if (!ok) {
        if (!stop_.notified()) {
            log->warn("change listener: LISTEN {} failed on {}: {}", kCrmChangeChannel,
                      redacted_, lastError(conn));
        }
        PQfinish(conn);
        return nullptr;
    }
    return conn;
}

bool PgChangeListener::listen(PGconn* conn) {
    // Notifications that came with the LISTEN's answer are read first.
    for (;;) {
        std::set<std::string> tables;  // a burst read at once wakes each table's jobs once
        while (PGnotify* notify = PQnotifies(conn)) {
            tables.insert(tableOf(notify->extra));
            PQfreemem(notify);
        }
        for (const auto& table : tables) {
            on_change_(table);
        }
        pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
        int ready = ::poll(fds, 2, -1);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        if (fds[1].revents != 0) {
            return true;
        }
        if (PQconsumeInput(conn) != 1 || PQstatus(conn) != CONNECTION_OK) {
            return false;
        }
    }
}

}  // namespace crmsync::crmdb
