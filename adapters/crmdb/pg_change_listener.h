#pragma once
// core::CrmChangeListener on PostgreSQL: a libpq connection of its own that LISTENs on the
// channel the capture trigger NOTIFYs (schema.cpp version 3, payload "table:id") and waits with
// poll() on its socket. A dropped connection is made again with capped exponential backoff;
// every (re)connect sends kAnyCrmTable first, since notifications sent meanwhile are gone.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "adapters/crmdb/stop_signal.h"
#include "crmcore/crm_change_listener.h"
#include "util/backoff.h"

typedef struct pg_conn PGconn;

namespace crmsync::crmdb {

// The channel the capture trigger notifies.
inline constexpr const char* kCrmChangeChannel = "crmsync_crm_change";

struct PgListenerSettings {
    // Waits between reconnects: doubling from base to max, with jitter.
    util::RetryPolicy reconnect{0, std::chrono::milliseconds(500), std::chrono::seconds(30), 0.5};
    // A connection attempt or the LISTEN taking longer than this counts as failed.
    std::chrono::milliseconds connect_timeout{10'000};
};

class PgChangeListener final : public core::CrmChangeListener {
public:
    // `conninfo`: libpq keywords (DatabaseUrl::soci_connect); `redacted`: the URL for logs.
    PgChangeListener(std::string conninfo, std::string redacted, PgListenerSettings settings = {});
    ~PgChangeListener() override;

    void start(OnChange on_change) override;
    void stop() override;

private:
    void run();
    // A connection that LISTENs, or nullptr (failed, logged; or stopped).
    PGconn* connectAndListen();
    // Delivers notifications until the connection fails (false) or stop() (true).
    bool listen(PGconn* conn);
    // poll() on the connection's socket for `events` and on the stop signal, until `deadline`.
    // Returns false when stopped or timed out; true when the socket is ready.
    bool waitForSocket(PGconn* conn, short events,
                       std::chrono::steady_clock::time_point deadline);

    std::string conninfo_;
    std::string redacted_;
    PgListenerSettings settings_;
    StopSignal stop_;
    OnChange on_change_;
    std::thread thread_;
};

}  // namespace crmsync::crmdb
