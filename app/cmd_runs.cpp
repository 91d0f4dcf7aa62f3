// crmsync runs: the run table, job runs and the import/OData runs inside them.
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/store_factory.h"
#include "crmcore/record.h"

namespace crmsync::app {

namespace {

void appendField(std::string& out, const char* name, const std::string& value) {
    out += ",\"";
    out += name;
    out += "\":";
    if (value.empty()) {
        out += "null";
    } else {
        core::appendJsonString(out, value);
    }
}

void printJson(const core::RunRow& r) {
    std::string out = "{\"id\":" + std::to_string(r.id);
    appendField(out, "job", r.job);
    appendField(out, "kind", r.kind);
    appendField(out, "instance", r.instance);
    appendField(out, "trigger", r.trigger);
    out += ",\"attempt\":" + std::to_string(r.attempt);
    appendField(out, "scheduled_at", r.scheduled_at);
    appendField(out, "started_at", r.started_at);
    appendField(out, "finished_at", r.finished_at);
    appendField(out, "status", r.status);
    const auto& c = r.counts;
    out += ",\"read\":" + std::to_string(c.read) +
           ",\"written\":" + std::to_string(c.inserted + c.updated) +
           ",\"inserted\":" + std::to_string(c.inserted) +
           ",\"updated\":" + std::to_string(c.updated) +
           ",\"unchanged\":" + std::to_string(c.unchanged) +
           ",\"conflicts\":" + std::to_string(c.conflicts) +
           ",\"quarantined\":" + std::to_string(c.quarantined) +
           ",\"dead_letters\":" + std::to_string(c.dead_letters);
    appendField(out, "error", r.error);
    out += "}\n";
    std::cout << out;
}

void printText(const core::RunRow& r) {
    const auto& c = r.counts;
    std::cout << r.id << "  " << (r.job.empty() ? "-" : r.job) << "  " << r.kind << "  "
              << r.status;
    if (!r.job.empty()) {
        std::cout << "  " << r.trigger << " #" << r.attempt << " on " << r.instance
                  << (r.scheduled_at.empty() ? "" : "  fire " + r.scheduled_at);
    }
    std::cout << "\n    " << r.started_at << " .. " << (r.finished_at.empty() ? "running" : r.finished_at)
              << "  read " << c.read << ", written " << c.inserted + c.updated << ", conflicts "
              << c.conflicts << ", quarantined " << c.quarantined << ", dead letters "
              << c.dead_letters << "\n";
    if (!r.error.empty()) {
        std::cout << "    error: " << r.error << "\n";
    }
}

}  // namespace

int runRuns(const Words& words) {
    CliArgs args(words, {"db", "job", "limit"}, {"json"});
    core::JobRunQuery query;
    query.job = args.option("job").value_or("");
    if (auto limit = args.option("limit")) {
        try {
            query.limit = std::stoll(*limit);
        } catch (const std::exception&) {
            query.limit = 0;
        }
        if (query.limit < 1) {
            throw UsageError("--limit '" + *limit + "': expected a positive number");
        }
    }
    auto store = openExistingStore(args.required("db"));
    const bool json = args.flag("json");
    store->jobRuns().list(query, [json](const core::RunRow& r) { json ? printJson(r) : printText(r); });
    return 0;
}

}  // namespace crmsync::app
