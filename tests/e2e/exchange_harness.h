#pragma once
// The daemon's exchange side on loopback for one test: a fresh CRM database, the real engine
// and endpoint, Poco's HTTP server on a free port, and a 1C emulator pointed at it. The
// endpoint's clock is a manual one, so a test expires a session by moving time, not by sleeping.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/onec/commerceml/exchange_protocol.h"
#include "app/http_server.h"
#include "app/site_exchange.h"
#include "tests/emulator/exchange_scenarios.h"
#include "tests/support/test_database.h"

namespace crmsync::test {

inline constexpr const char* kExchangeUser = "site-exchange";
inline constexpr const char* kExchangePassword = "Пароль-1c";

class ExchangeHarness {
public:
    // `tune` may change the endpoint settings before anything starts.
    explicit ExchangeHarness(Backend backend,
                             const std::function<void(commerceml::ExchangeSettings&)>& tune = {},
                             sync::ImportOptions import_options = {});
    ~ExchangeHarness();

    TestDatabase& db() { return db_; }
    std::string url() const;
    emulator::OneCClient client(const std::string& password = kExchangePassword) const;
    const std::filesystem::path& uploadDir() const { return settings_.upload_dir; }
    // Moves the endpoint's clock on (sessions expire by it).
    void advanceClock(std::chrono::seconds by) { now_ += by; }
    // What a daemon restart does to the exchange: the engine and endpoint are rebuilt from
    // scratch on the same database and upload folder; only the disk remembers.
    void restart();
    // Files under the upload folder, relative to it (state files included).
    std::vector<std::string> uploadedFiles() const;
    // The mapping imports run with from now on (the built-in one until then), as a daemon's
    // watcher swaps in an edited file.
    void useMapping(mapping::Mapping mapping) {
        mapping_ = std::make_shared<const mapping::Mapping>(std::move(mapping));
    }

private:
    void start();

    TestDatabase db_;
    TempDir dir_;
    commerceml::ExchangeSettings settings_;
    sync::ImportOptions import_options_;
    std::shared_ptr<const mapping::Mapping> mapping_;
    std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
    std::unique_ptr<app::SiteExchange> exchange_;
    std::unique_ptr<app::HttpServer> http_;
};

// Every row of every CRM table and the bindings, as sorted text lines without CRM ids (nor
// references, which are ids): two databases filled with the same data in another order or by
// another path compare equal.
std::vector<std::string> crmContent(TestDatabase& db);

// The folders of ../shared/fixtures/real that form one exchange each (as test_e2e_real_fixtures).

}  // namespace crmsync::test
