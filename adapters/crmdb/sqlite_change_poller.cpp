#include "adapters/crmdb/sqlite_change_poller.h"

#include <memory>
#include <vector>

#include <soci/soci.h>

#include "adapters/crmdb/session_factory.h"
#include "crmcore/logging.h"

namespace crmsync::crmdb {

namespace {

// After a failed read the poll slows down to this, so a database that went away (a disk
// unmounted) is not hammered and the log not flooded.
constexpr std::chrono::seconds kAfterFailure{5};

std::int64_t newestSeq(soci::session& sql) {
    long long seq = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(seq) FROM crm_change", soci::into(seq, ind);
    return ind == soci::i_ok ? seq : 0;
}

// The tables the rows (after, upto] name; a range of the primary key, so the cost is the
// number of new rows, not of the log.
std::vector<std::string> tablesChanged(soci::session& sql, std::int64_t after,
                                       std::int64_t upto) {
    long long from = after;
    long long to = upto;
    soci::rowset<std::string> rows = (sql.prepare << "SELECT DISTINCT table_name FROM crm_change "
                                                     "WHERE seq > :a AND seq <= :b",
                                      soci::use(from), soci::use(to));
    return {rows.begin(), rows.end()};
}

}  // namespace

SqliteChangePoller::SqliteChangePoller(DatabaseUrl url, std::chrono::milliseconds interval)
    : url_(std::move(url)), interval_(interval) {}

SqliteChangePoller::~SqliteChangePoller() { stop(); }

void SqliteChangePoller::start(OnChange on_change) {
    on_change_ = std::move(on_change);
    thread_ = std::thread([this] { run(); });
}

void SqliteChangePoller::stop() {
    stop_.notify();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SqliteChangePoller::run() {
    auto log = core::logger("crmdb");
    std::unique_ptr<soci::session> sql;
    std::int64_t seen = -1;  // -1: nothing read yet, or lost track after a failure
    bool failing = false;
    for (;;) {
        try {
            if (!sql) {
                sql = openSession(url_);
            }
            const std::int64_t newest = newestSeq(*sql);
            if (seen < 0 || newest < seen) {
                // What changed before anyone looked; or the log went back (a restored
                // backup), so which rows are new is unknown.
                on_change_(core::kAnyCrmTable);
            } else if (newest > seen) {
                for (const auto& table : tablesChanged(*sql, seen, newest)) {
                    on_change_(table);
                }
            }
            seen = newest;
            if (failing) {
                log->info("change listener: reading the change log of {} again", url_.redacted);
                failing = false;
            }
        } catch (const std::exception& e) {
            if (!failing) {
                log->warn("change listener: cannot read the change log of {}, trying every {} "
                          "s: {}", url_.redacted, kAfterFailure.count(), e.what());
                failing = true;
            }
            sql.reset();
            seen = -1;
        }
        if (stop_.waitFor(failing ? kAfterFailure : interval_)) {
            return;
        }
    }
}

}  // namespace crmsync::crmdb
