// OData push benchmark (issue: the outbox): N counterparties in the emulated УТ 11
// publication are pulled into a fresh CRM database and bound; the entity's first push looks at
// every row once (the reference: the cost of a scan of all rows); then a push with nothing to
// do, and a push after 10 counterparties changed in the CRM by plain SQL, as the CRM would.
// Prints, per push, wall seconds, outbox messages read, CRM rows read, objects written to 1C
// and HTTP requests, so "cost grows with what changed" shows as figures.
//   push_bench MAPPING N DB_URL...   (bench/push_bench.sh makes the databases)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <soci/session.h>

#include "adapters/crmdb/database_url.h"
#include "adapters/crmdb/session_factory.h"
#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "adapters/onec/odata/odata_object_writer.h"
#include "app/store_factory.h"
#include "crmcore/logging.h"
#include "mapping/mapping_file.h"
#include "sync/object_pull.h"
#include "sync/object_push.h"
#include "tests/emulator/odata_emulator.h"
#include "tests/emulator/ut11_infobase.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace crmsync;

constexpr std::size_t kChanged = 10;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

odata::OdataSettings settingsFor(const emulator::OdataEmulator& onec) {
    odata::OdataSettings settings;
    settings.base_url = onec.url();
    settings.user = onec.options().user;
    settings.password = onec.options().password;
    return settings;
}

// Returns the wall time of the push.
double pushAndReport(const char* label, core::CrmStore& store, const mapping::Mapping& rules,
                     emulator::OdataEmulator& onec) {
    odata::OdataClient client(settingsFor(onec));
    odata::OdataObjectWriter writer(client);
    sync::PushOptions options;
    options.entities = {"counterparty"};
    auto start = Clock::now();
    auto report = sync::pushToOneC(store, rules, writer, options);
    double seconds = secondsSince(start);
    const auto& stats = report.entities.at(0);
    std::printf("%-22s %9.3f s %9zu messages %9zu rows read %7zu written %7llu requests%s\n",
                label, seconds, stats.messages, stats.examined,
                stats.created + stats.updated + stats.deleted,
                static_cast<unsigned long long>(report.requests), report.ok ? "" : "  FAILED");
    if (!report.ok) {
        std::fprintf(stderr, "push failed: %s\n", report.error.c_str());
        std::exit(1);
    }
    return seconds;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: push_bench MAPPING N DB_URL...\n");
        return 2;
    }
    core::configureLogging("warn", "");
    auto rules = mapping::requireMappingFile(argv[1]);
    std::size_t n = std::stoul(argv[2]);
    for (int i = 3; i < argc; ++i) {
        std::string url = argv[i];
        std::printf("%s, N=%zu bound counterparties, %zu changed\n",
                    url.substr(0, url.find(':')).c_str(), n, kChanged);
        emulator::OdataEmulator onec;
        emulator::seedUt11(onec.store(), {.groups = 1, .units = 1, .items = 1, .price_types = 1,
                                          .counterparties = n, .orders = 0});
        auto store = app::openMigratedStore(url);
        {
            odata::OdataClient client(settingsFor(onec));
            odata::OdataObjectReader reader(client);
            sync::PullOptions pull;
            pull.entities = {"counterparty"};
            auto start = Clock::now();
            auto report = sync::pullFromOneC(*store, rules, reader, pull);
            std::printf("%-22s %9.3f s\n", "pull (binds them)", secondsSince(start));
            if (!report.import.ok) {
                std::fprintf(stderr, "pull failed\n");
                return 1;
            }
        }
        double scan = pushAndReport("first push (all rows)", *store, rules, onec);
        pushAndReport("nothing changed", *store, rules, onec);
        {
            // The CRM's own edit: a plain session, so the change capture sees origin "crm".
            auto sql = crmdb::openSession(crmdb::parseDatabaseUrl(url));
            for (std::size_t k = 0; k < kChanged; ++k) {
                long long id = 1 + static_cast<long long>(k * (n / kChanged));
                *sql << "UPDATE counterparty SET name = 'Изменён в CRM " + std::to_string(k) +
                            "' WHERE id = " + std::to_string(id);
            }
        }
        double changed = pushAndReport("10 changed", *store, rules, onec);
        std::printf("%-22s %9.4f of the first push's time\n", "10 changed:", changed / scan);
    }
    return 0;
}
