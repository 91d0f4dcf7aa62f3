#include "app/change_triggers.h"

#include "adapters/crmdb/change_listener.h"
#include "crmcore/entity_catalog.h"
#include "crmcore/error.h"
#include "crmcore/job_runs.h"
#include "crmcore/logging.h"

namespace crmsync::app {

namespace {

// Cheap (one read of the log's newest seq), so short: the poll is most of SQLite's latency.
constexpr std::chrono::milliseconds kSqlitePoll{200};

}  // namespace

std::vector<std::string> crmChangeTables(const config::JobConfig& job) {
    std::vector<std::string> tables;
    for (const auto& name : job.on_crm_change) {
        const core::EntitySpec* spec = core::findEntitySpec(name);
        if (spec == nullptr) {
            spec = core::findEntitySpecByTable(name);
        }
        if (spec == nullptr) {
            std::string known;
            for (const auto& e : core::entityCatalog()) {
                known += (known.empty() ? "" : ", ") + e.name;
            }
            throw ConfigError("[job." + job.name + "]: job." + job.name + ".on: crm-change(" +
                              name + "): no such CRM entity or table (entities: " + known + ")");
        }
        tables.push_back(spec->table);
    }
    return tables;
}

ChangeTriggers::ChangeTriggers(const config::DaemonConfig& cfg, scheduler::JobRunner& runner,
                               std::unique_ptr<core::CrmChangeListener> listener)
    : runner_(runner) {
    for (const auto& job : cfg.jobs.jobs) {
        for (const auto& table : crmChangeTables(job)) {
            jobs_by_table_[table].push_back(job.name);
            watching_.insert(job.name);
        }
    }
    if (!jobs_by_table_.empty()) {
        listener_ = listener ? std::move(listener)
                             : crmdb::makeChangeListener(cfg.database.url, kSqlitePoll);
    }
}

ChangeTriggers::~ChangeTriggers() { stop(); }

void ChangeTriggers::start() {
    if (!listener_) {
        return;
    }
    std::string tables;
    for (const auto& [table, jobs] : jobs_by_table_) {
        tables += (tables.empty() ? "" : ", ") + table;
    }
    core::logger("app")->info("{} job(s) run on CRM changes to {}", watching_.size(), tables);
    listener_->start([this](const std::string& table) { onChange(table); });
}

void ChangeTriggers::stop() {
    if (listener_) {
        listener_->stop();
    }
}

void ChangeTriggers::onChange(const std::string& table) {
    if (table == core::kAnyCrmTable) {
        for (const auto& job : watching_) {
            runner_.trigger(job, core::kTriggerChange);
        }
        return;
    }
    auto it = jobs_by_table_.find(table);
    if (it == jobs_by_table_.end()) {
        return;  // a table no job watches
    }
    for (const auto& job : it->second) {
        runner_.trigger(job, core::kTriggerChange);
    }
}

}  // namespace crmsync::app
