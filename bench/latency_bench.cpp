// Real-time push latency (issue #14): a `crmsync serve` child with
//   [job.orders] action = odata-push, entities = order, on = crm-change(order)
// (no schedule) against the in-process УТ 11 emulator; this program inserts orders into the
// CRM database by plain SQL, as the CRM application would, at RATE per second for SECONDS,
// and times each from its commit to the emulator's write of it (the order carries
// "crmsync:order:ID" in Комментарий). On PostgreSQL the daemon is woken by NOTIFY, on SQLite
// by its 200 ms poll of the change log. Prints p50/p95/p99/max per database.
//   latency_bench CRMSYNC MAPPING SECONDS RATE DB_URL...   (bench/latency_bench.sh runs it)
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>
#include <soci/soci.h>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "app/store_factory.h"
#include "crmcore/logging.h"
#include "mapping/mapping_file.h"
#include "sync/object_pull.h"
#include "tests/emulator/odata_emulator.h"
#include "tests/emulator/ut11_infobase.h"

namespace {

using namespace crmsync;
using Steady = std::chrono::steady_clock;
namespace fs = std::filesystem;

// Commit and delivery times per CRM order id.
class Deliveries {
public:
    void committed(long long id, Steady::time_point at) {
        std::lock_guard lock(mutex_);
        committed_[id] = at;
    }
    void written(const std::string& set, const Poco::JSON::Object& entity) {
        if (set != emulator::ut11::kOrders) {
            return;
        }
        const std::string mark = entity.optValue<std::string>("Комментарий", "");
        const std::string prefix = "crmsync:order:";
        if (mark.rfind(prefix, 0) != 0) {
            return;
        }
        const auto now = Steady::now();
        std::lock_guard lock(mutex_);
        written_.emplace(std::stoll(mark.substr(prefix.size())), now);  // the first write counts
    }
    std::size_t delivered(const std::vector<long long>& ids) const {
        std::lock_guard lock(mutex_);
        return static_cast<std::size_t>(std::count_if(
            ids.begin(), ids.end(), [&](long long id) { return written_.count(id) != 0; }));
    }
    // Milliseconds from commit to 1C's write, for the ids delivered.
    std::vector<double> latencies(const std::vector<long long>& ids) const {
        std::lock_guard lock(mutex_);
        std::vector<double> out;
        for (long long id : ids) {
            auto w = written_.find(id);
            auto c = committed_.find(id);
            if (w != written_.end() && c != committed_.end()) {
                out.push_back(std::chrono::duration<double, std::milli>(w->second - c->second)
                                  .count());
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::map<long long, Steady::time_point> committed_;
    std::map<long long, Steady::time_point> written_;
};

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

unsigned short freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

odata::OdataSettings settingsFor(const emulator::OdataEmulator& onec) {
    odata::OdataSettings settings;
    settings.base_url = onec.url();
    settings.user = onec.options().user;
    settings.password = onec.options().password;
    return settings;
}

long long count(soci::session& sql, const std::string& query) {
    long long n = 0;
    sql << query, soci::into(n);
    return n;
}

bool waitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto until = Steady::now() + limit;
    while (!done()) {
        if (Steady::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

int runOne(const std::string& crmsync_binary, const std::string& mapping_file, int seconds,
           int rate, const std::string& url, const fs::path& work) {
    const std::string kind = url.substr(0, url.find(':'));
    emulator::OdataEmulator onec;
    emulator::seedUt11(onec.store(), {});
    Deliveries deliveries;
    onec.store().observeWrites([&](const std::string& set, const Poco::JSON::Object& entity) {
        deliveries.written(set, entity);
    });
    // Counterparties bound first, as after the daemon's first pull.
    {
        auto rules = mapping::requireMappingFile(mapping_file);
        auto store = app::openMigratedStore(url);
        odata::OdataClient client(settingsFor(onec));
        odata::OdataObjectReader reader(client);
        if (!sync::pullFromOneC(*store, rules, reader, {}).import.ok) {
            std::fprintf(stderr, "%s: the pull failed\n", kind.c_str());
            return 1;
        }
    }
    auto sql = crmdb::openSession(crmdb::parseDatabaseUrl(url));
    long long counterparty = count(*sql, "SELECT MIN(crm_id) FROM binding WHERE entity = "
                                         "'counterparty'");
    const fs::path config = work / (kind + ".ini");
    std::ofstream(config) << "[database]\nurl = " << url
                          << "\n[drop_folder]\nenabled = false\n[exchange]\nenabled = false\n"
                             "[http]\nlisten = 127.0.0.1:" << freePort()
                          << "\n[log]\nlevel = warn\n[odata]\nenabled = false\nurl = " << onec.url()
                          << "\nuser = " << onec.options().user << "\nmapping = " << mapping_file
                          << "\n[job.orders]\naction = odata-push\nentities = order\n"
                             "on = crm-change(order)\n";
    Poco::Process::Env env{{"CRMSYNC_ONEC_PASSWORD", onec.options().password}};
    Poco::ProcessHandle daemon = Poco::Process::launch(
        crmsync_binary, {"serve", "--config", config.string()}, work.string(), nullptr, nullptr,
        nullptr, env);
    // Ready once its catch-up run at start (the first signal of the listener) is done.
    const bool ready = waitFor(
        [&] {
            return count(*sql, "SELECT COUNT(*) FROM sync_run WHERE job = 'orders' AND status = "
                               "'succeeded'") > 0;
        },
        std::chrono::seconds(30));
    if (!ready) {
        std::fprintf(stderr, "%s: the daemon never ran its job\n", kind.c_str());
        Poco::Process::kill(daemon);
        return 1;
    }
    std::vector<long long> ids;
    const auto start = Steady::now();
    const long long total = static_cast<long long>(seconds) * rate;
    for (long long n = 0; n < total; ++n) {
        std::this_thread::sleep_until(start + std::chrono::microseconds(n * 1'000'000 / rate));
        *sql << "INSERT INTO sales_order (number, ordered_at, counterparty_id, active) "
                "VALUES ('LAT-" + std::to_string(n) + "', '2026-08-01T10:00:00', " +
                    std::to_string(counterparty) + ", 1)";
        const auto committed = Steady::now();  // autocommit: the statement's commit is done
        long long id = count(*sql, "SELECT MAX(id) FROM sales_order");
        deliveries.committed(id, committed);
        ids.push_back(id);
    }
    const double write_seconds = std::chrono::duration<double>(Steady::now() - start).count();
    waitFor([&] { return deliveries.delivered(ids) == ids.size(); }, std::chrono::seconds(30));
    Poco::Process::requestTermination(daemon.id());
    const int code = daemon.wait();
    const auto lat = deliveries.latencies(ids);
    const long long runs = count(*sql, "SELECT COUNT(*) FROM sync_run WHERE job = 'orders'");
    std::printf("%-10s %s: %zu orders in %.1f s (%d/s), %zu delivered in %lld job runs; "
                "commit -> 1C write: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%s\n",
                kind.c_str(), kind == "sqlite" ? "(200 ms poll)" : "(NOTIFY)", ids.size(),
                write_seconds, rate, lat.size(), runs, percentile(lat, 50), percentile(lat, 95),
                percentile(lat, 99), lat.empty() ? 0.0 : lat.back(),
                code == 0 ? "" : "  (daemon exit code not 0)");
    return lat.size() == ids.size() && code == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 6) {
        std::fprintf(stderr, "usage: latency_bench CRMSYNC MAPPING SECONDS RATE DB_URL...\n");
        return 2;
    }
    core::configureLogging("warn", "");
    const std::string binary = fs::absolute(argv[1]).string();
    const std::string mapping_file = fs::absolute(argv[2]).string();
    const int seconds = std::stoi(argv[3]);
    const int rate = std::stoi(argv[4]);
    const fs::path work = fs::temp_directory_path() /
                          ("crmsync-latency-" + std::to_string(::getpid()));
    fs::create_directories(work);
    int failures = 0;
    for (int i = 5; i < argc; ++i) {
        failures += runOne(binary, mapping_file, seconds, rate, argv[i], work);
    }
    fs::remove_all(work);
    return failures == 0 ? 0 : 1;
}
