// crmsync conflicts list|show|resolve: the conflict queue for a person at a terminal.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/store_factory.h"
#include "crmcore/error.h"
#include "crmcore/record.h"
#include "sync/conflict_resolution.h"

namespace crmsync::app {

namespace {

void appendValue(std::string& out, const std::optional<std::string>& value) {
    if (value) {
        core::appendJsonString(out, *value);
    } else {
        out += "null";
    }
}

void appendText(std::string& out, const char* name, const std::string& value) {
    out += ",\"";
    out += name;
    out += "\":";
    core::appendJsonString(out, value);
}

std::string conflictJson(const core::Conflict& c) {
    std::string out = "{\"id\":" + std::to_string(c.id);
    appendText(out, "entity", c.entity);
    out += ",\"crm_id\":" + std::to_string(c.crm_id);
    appendText(out, "onec_key", c.onec_key);
    appendText(out, "field", c.field);
    for (const auto& [name, value] :
         {std::pair{"base", &c.base}, std::pair{"crm", &c.crm}, std::pair{"onec", &c.onec},
          std::pair{"resolution", &c.resolution}}) {
        out += ",\"";
        out += name;
        out += "\":";
        appendValue(out, *value);
    }
    appendText(out, "crm_at", c.crm_at);
    appendText(out, "crm_origin", c.crm_origin);
    appendText(out, "onec_at", c.onec_at);
    appendText(out, "onec_origin", c.onec_origin);
    appendText(out, "lineage", c.lineage);
    out += ",\"run\":" + std::to_string(c.run_id);
    appendText(out, "status", c.status);
    appendText(out, "policy", c.policy);
    appendText(out, "opened_at", c.opened_at);
    appendText(out, "updated_at", c.updated_at);
    appendText(out, "resolved_by", c.resolved_by);
    appendText(out, "resolved_at", c.resolved_at);
    appendText(out, "comment", c.comment);
    return out + "}";
}

std::string shown(const std::optional<std::string>& value) {
    return value ? "'" + *value + "'" : "(empty)";
}

void printLine(const core::Conflict& c) {
    std::cout << c.id << "  " << c.status << "  " << c.entity << " " << c.onec_key << " (crm "
              << c.crm_id << ")  " << c.field << ": crm " << shown(c.crm) << "  1C "
              << shown(c.onec) << "  [" << c.policy;
    if (c.status == "resolved") {
        std::cout << " -> " << shown(c.resolution) << " by " << c.resolved_by;
    }
    std::cout << "]\n";
}

void printDetail(const core::Conflict& c) {
    std::cout << "conflict " << c.id << " (" << c.status << ", policy " << c.policy << ")\n"
              << "  record   " << c.entity << " " << c.onec_key << ", CRM id " << c.crm_id << "\n"
              << "  field    " << c.field << "\n"
              << "  base     " << (c.base ? shown(*c.base) : "(never synced)") << "\n"
              << "  CRM      " << shown(c.crm) << "  changed " << (c.crm_at.empty() ? "?" : c.crm_at)
              << " (" << c.crm_origin << ")\n"
              << "  1C       " << shown(c.onec) << "  seen " << c.onec_at << " (" << c.onec_origin
              << ", " << c.lineage << ")\n"
              << "  opened   " << c.opened_at << ", run " << c.run_id << "\n";
    if (c.status == "resolved") {
        std::cout << "  resolved " << c.resolved_at << " by " << c.resolved_by << ": "
                  << shown(c.resolution) << (c.comment.empty() ? "" : "  (" + c.comment + ")")
                  << "\n";
    }
}

std::int64_t conflictId(const CliArgs& args) {
    if (args.positional().size() != 1) {
        throw UsageError("expected one conflict id");
    }
    const std::string& text = args.positional().front();
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        throw UsageError("'" + text + "': expected a conflict id (a number)");
    }
    return std::stoll(text);
}

int list(const Words& words) {
    CliArgs args(words, {"db", "status", "entity"}, {"json"});
    core::ConflictQuery query;
    std::string status = args.option("status").value_or("open");
    if (status != "open" && status != "resolved" && status != "all") {
        throw UsageError("--status '" + status + "': expected open, resolved or all");
    }
    if (status != "all") {
        query.status = status;
    }
    query.entity = args.option("entity");
    auto store = openExistingStore(args.required("db"));
    for (const auto& conflict : store->conflicts().list(query)) {
        if (args.flag("json")) {
            std::cout << conflictJson(conflict) << "\n";
        } else {
            printLine(conflict);
        }
    }
    return 0;
}

int show(const Words& words) {
    CliArgs args(words, {"db"}, {"json"});
    std::int64_t id = conflictId(args);
    auto store = openExistingStore(args.required("db"));
    auto conflict = store->conflicts().find(id);
    if (!conflict) {
        throw Error("no conflict " + std::to_string(id));
    }
    if (args.flag("json")) {
        std::cout << conflictJson(*conflict) << "\n";
    } else {
        printDetail(*conflict);
    }
    return 0;
}

int resolve(const Words& words) {
    CliArgs args(words, {"db", "take", "value", "by", "comment"}, {"json"});
    std::int64_t id = conflictId(args);
    sync::Resolution resolution;
    auto take = args.option("take");
    auto value = args.option("value");
    if (take.has_value() == value.has_value()) {
        throw UsageError("give either --take crm|onec or --value V");
    }
    if (take) {
        if (*take != "crm" && *take != "onec") {
            throw UsageError("--take '" + *take + "': expected crm or onec");
        }
        resolution.take = *take == "crm" ? sync::Resolution::Take::Crm
                                         : sync::Resolution::Take::OneC;
    } else {
        resolution.take = sync::Resolution::Take::Value;
        resolution.value = *value;
    }
    resolution.by = args.option("by").value_or("");
    if (resolution.by.empty()) {
        const char* user = std::getenv("USER");
        resolution.by = user != nullptr && *user != '\0' ? user : "cli";
    }
    resolution.comment = args.option("comment").value_or("");
    auto store = openExistingStore(args.required("db"));
    core::Conflict settled = sync::resolveConflict(*store, id, resolution);
    if (args.flag("json")) {
        std::cout << conflictJson(settled) << "\n";
    } else {
        printDetail(settled);
    }
    return 0;
}

}  // namespace

int runConflicts(const Words& words) {
    if (words.empty()) {
        throw UsageError("conflicts needs list, show or resolve");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "list") {
        return list(rest);
    }
    if (words.front() == "show") {
        return show(rest);
    }
    if (words.front() == "resolve") {
        return resolve(rest);
    }
    throw UsageError("conflicts " + words.front() + ": expected list, show or resolve");
}

}  // namespace crmsync::app
