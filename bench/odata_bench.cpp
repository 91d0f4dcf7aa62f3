// OData pull benchmark (issue: OData): an emulated УТ 11 publication on loopback holding N
// nomenclature items with 3 price types (3N price records), pulled into a fresh CRM database
// through config/mappings/odata-ut11.xml; then 100 items change in 1C and the pull runs again.
// Prints wall seconds, HTTP requests and rows written for each pull.
//   odata_bench MAPPING N DB_URL...   (bench/odata_bench.sh makes the databases)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <Poco/JSON/Object.h>

#include "adapters/onec/odata/odata_client.h"
#include "adapters/onec/odata/odata_object_reader.h"
#include "app/store_factory.h"
#include "crmcore/logging.h"
#include "mapping/mapping_file.h"
#include "sync/object_pull.h"
#include "tests/emulator/odata_emulator.h"
#include "tests/emulator/ut11_infobase.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace crmsync;

constexpr std::size_t kChanged = 100;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void pullAndReport(const char* label, core::CrmStore& store, const mapping::Mapping& rules,
                   emulator::OdataEmulator& onec) {
    odata::OdataSettings settings;
    settings.base_url = onec.url();
    settings.user = onec.options().user;
    settings.password = onec.options().password;
    odata::OdataClient client(settings);
    odata::OdataObjectReader reader(client);
    auto start = Clock::now();
    auto report = sync::pullFromOneC(store, rules, reader, {});
    double seconds = secondsSince(start);
    const auto& t = report.import.totals;
    std::size_t fetched = 0;
    for (const auto& stats : report.entities) {
        fetched += stats.fetched;
    }
    std::printf("%-22s %8.2f s %8llu requests %9zu objects read %9lld rows written%s\n", label,
                seconds, static_cast<unsigned long long>(report.requests), fetched,
                static_cast<long long>(t.inserted + t.updated + t.deactivated),
                report.import.ok ? "" : "  FAILED");
    if (!report.import.ok) {
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: odata_bench MAPPING N DB_URL...\n");
        return 2;
    }
    core::configureLogging("warn", "");
    auto rules = mapping::requireMappingFile(argv[1]);
    std::size_t items = std::stoul(argv[2]);
    for (int i = 3; i < argc; ++i) {
        std::string url = argv[i];
        std::printf("%s, N=%zu items, %zu prices\n", url.substr(0, url.find(':')).c_str(), items,
                    items * 3);
        emulator::OdataEmulator onec;
        auto seeded = Clock::now();
        emulator::seedUt11(onec.store(), {.groups = 100, .units = 5, .items = items,
                                          .price_types = 3, .counterparties = 1000,
                                          .orders = 1000});
        std::printf("%-22s %8.2f s\n", "emulator filled", secondsSince(seeded));
        auto store = app::openMigratedStore(url);
        pullAndReport("initial pull", *store, rules, onec);
        Poco::JSON::Object renamed;
        for (std::size_t n = 0; n < kChanged; ++n) {
            renamed.set("Description", "Изменённый товар " + std::to_string(n));
            onec.store().update(emulator::ut11::kItems,
                                emulator::ut11::refKey("item", n * (items / kChanged)), renamed);
        }
        pullAndReport("after 100 changes", *store, rules, onec);
        pullAndReport("nothing changed", *store, rules, onec);
    }
    return 0;
}
