#include "tests/e2e/exchange_harness.h"

#include <algorithm>

#include "adapters/crmdb/prepared_statement.h"
#include "adapters/crmdb/session_factory.h"
#include "crmcore/entity_catalog.h"

namespace crmsync::test {

namespace fs = std::filesystem;

ExchangeHarness::ExchangeHarness(Backend backend,
                                 const std::function<void(commerceml::ExchangeSettings&)>& tune,
                                 sync::ImportOptions import_options)
    : db_(backend), import_options_(std::move(import_options)) {
    settings_.upload_dir = dir_ / "exchange";
    settings_.user = kExchangeUser;
    settings_.password = kExchangePassword;
    settings_.step = std::chrono::seconds(2);
    if (tune) {
        tune(settings_);
    }
    start();
}

ExchangeHarness::~ExchangeHarness() {
    // Server first (no more calls), then the exchange's jobs, before the database goes.
    http_.reset();
    exchange_.reset();
}

void ExchangeHarness::start() {
    if (!mapping_) {
        // The built-in mapping lives as long as the process: held, not owned.
        mapping_ = std::shared_ptr<const mapping::Mapping>(std::shared_ptr<void>(),
                                                           &mapping::builtinCommerceMlMapping());
    }
    exchange_ = std::make_unique<app::SiteExchange>(
        settings_, db_.url(), [this] { return mapping_; }, import_options_,
        [this] { return now_; });
    http_ = std::make_unique<app::HttpServer>("127.0.0.1:0", &exchange_->protocol());
    http_->start();
}

void ExchangeHarness::restart() {
    http_.reset();
    exchange_.reset();
    start();
}

std::string ExchangeHarness::url() const {
    return "http://127.0.0.1:" + std::to_string(http_->port()) + settings_.path;
}

emulator::OneCClient ExchangeHarness::client(const std::string& password) const {
    return emulator::OneCClient(url(), kExchangeUser, password);
}

std::vector<std::string> ExchangeHarness::uploadedFiles() const {
    std::vector<std::string> files;
    if (!fs::exists(settings_.upload_dir)) {
        return files;
    }
    for (const auto& entry : fs::recursive_directory_iterator(settings_.upload_dir)) {
        if (entry.is_regular_file()) {
            files.push_back(fs::relative(entry.path(), settings_.upload_dir).string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> crmContent(TestDatabase& db) {
    auto session = crmdb::openSession(crmdb::parseDatabaseUrl(db.url()));
    std::vector<std::string> lines;
    auto collect = [&](const std::string& label, const std::string& sql, std::size_t columns) {
        auto st = crmdb::prepareStatement(*session, sql, "", columns);
        for (bool more = st->execute(); more; more = st->fetch()) {
            std::string line = label;
            for (std::size_t i = 0; i < columns; ++i) {
                line += "|" + (st->isNull(i) ? std::string("NULL") : st->text(i));
            }
            lines.push_back(line);
        }
    };
    for (const auto& spec : core::entityCatalog()) {
        std::string select = "active";
        std::size_t columns = 1;
        for (const auto& column : spec.columns) {
            if (column.type != core::ColumnType::Reference) {
                select += ", \"" + column.name + "\"";
                ++columns;
            }
        }
        collect(spec.table, "SELECT " + select + " FROM \"" + spec.table + "\"", columns);
    }
    collect("binding", "SELECT entity, onec_key, content_hash FROM binding", 3);
    collect("quarantine", "SELECT entity, onec_key FROM quarantine", 2);
    std::sort(lines.begin(), lines.end());
    return lines;
}


}  // namespace crmsync::test
