#include <algorithm>
#include <cctype>
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/journal_time.h"
#include "app/web/journal_json.h"
#include "app/store_factory.h"
#include "crmcore/record.h"

namespace crmsync::app {

namespace {

// One JSON object per line, as the HTTP API gives a row.
void printJson(const core::JournalRow& row) { std::cout << web::journalRowJson(row) << "\n"; }

void printText(const core::JournalRow& row) {
    std::cout << row.seq << "  " << row.at << "  run " << row.run_id << "  " << row.op << " "
              << row.entity << " " << row.onec_key << " -> crm " << row.crm_id << "  ("
              << row.origin << (row.actor.empty() ? "" : " " + row.actor) << ", "
              << row.lineage << ")\n";
    if (row.op == "insert") {
        std::cout << "    " << row.after << "\n";
    } else {
        std::cout << "    before " << row.before << "\n    after  " << row.after << "\n";
    }
}

}  // namespace

int runJournal(const Words& words) {
    CliArgs args(words, {"db", "entity", "key", "run", "origin", "op", "by", "since", "until"},
                 {"json"});
    core::JournalQuery query;
    query.entity = args.option("entity");
    query.onec_key = args.option("key");
    if (auto run = args.option("run")) {
        if (run->empty() || !std::all_of(run->begin(), run->end(), [](unsigned char c) {
                return std::isdigit(c) != 0;
            })) {
            throw UsageError("--run '" + *run + "': expected a run number");
        }
        query.run_id = std::stoll(*run);
    }
    query.origin = args.option("origin");
    if (query.origin && *query.origin != "1c" && *query.origin != "crm" &&
        *query.origin != "person") {
        throw UsageError("--origin '" + *query.origin + "': expected 1c, crm or person");
    }
    query.op = args.option("op");
    query.actor = args.option("by");
    if (auto since = args.option("since")) {
        query.since = journalTime(*since);
        if (query.since->empty()) {
            throw UsageError("--since '" + *since + "': " + kJournalTimeForm);
        }
    }
    if (auto until = args.option("until")) {
        query.until = journalTime(*until);
        if (query.until->empty()) {
            throw UsageError("--until '" + *until + "': " + kJournalTimeForm);
        }
    }
    auto store = openExistingStore(args.required("db"));
    bool json = args.flag("json");
    std::ios::sync_with_stdio(false);
    store->journal().read(query, [json](const core::JournalRow& row) {
        json ? printJson(row) : printText(row);
    });
    return 0;
}

}  // namespace crmsync::app
