#pragma once
// core::CrmChangeListener on SQLite, which has no notifications: a thread reads the change
// log's newest seq every `interval` (one read of the primary key's last entry) and, when it
// grew, which tables the new rows name. Sends kAnyCrmTable at the first read and after the
// database could not be read, as the PostgreSQL listener does after a reconnect.
#include <chrono>
#include <string>
#include <thread>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/stop_signal.h"
#include "crmcore/crm_change_listener.h"

namespace crmsync::crmdb {

class SqliteChangePoller final : public core::CrmChangeListener {
public:
    SqliteChangePoller(DatabaseUrl url, std::chrono::milliseconds interval);
    ~SqliteChangePoller() override;

    void start(OnChange on_change) override;
    void stop() override;

private:
    void run();

    DatabaseUrl url_;
    std::chrono::milliseconds interval_;
    StopSignal stop_;
    OnChange on_change_;
    std::thread thread_;
};

}  // namespace crmsync::crmdb
