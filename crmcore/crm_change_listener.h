#pragma once
// Tells, soon after it happens, that a CRM table changed: a row of the change log (crm_change,
// schema migration 3) was written by the CRM application or a person with SQL. The jobs with
// `on = crm-change(...)` are woken by it (app/change_triggers.h). Implemented by
// adapters/crmdb: LISTEN/NOTIFY on PostgreSQL, a short poll of the log's newest seq on SQLite.
//
// A signal is a hint, never the data: whoever is woken reads what changed (the outbox, the
// change log) itself, so a signal lost or doubled costs latency or a run with nothing to do,
// never a change.
#include <functional>
#include <string>

namespace crmsync::core {

// The table of a signal that says "changes may have been missed, everyone look": sent once
// connected, the first time and after every reconnect.
inline constexpr const char* kAnyCrmTable = "";

class CrmChangeListener {
public:
    // Called on the listener's own thread with the CRM table changed ("sales_order") or
    // kAnyCrmTable; must return quickly (wake someone, do not work).
    using OnChange = std::function<void(const std::string& table)>;

    virtual ~CrmChangeListener() = default;
    // Starts the listener's thread; it keeps trying to reach the database until stop(), so a
    // database down at start is not an error. Called once.
    virtual void start(OnChange on_change) = 0;
    // Ends the thread and closes its connection; no call of on_change after it. Idempotent.
    virtual void stop() = 0;
};

}  // namespace crmsync::core
