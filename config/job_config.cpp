#include "config/job_config.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace crmsync::config {

namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto item = trim(text.substr(start, comma == std::string::npos ? std::string::npos
                                                                       : comma - start));
        if (!item.empty()) {
            items.push_back(item);
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return items;
}

// "30m", "15s", "2h", "500ms" or a whole number of seconds.
std::chrono::milliseconds duration(const IniEntry& e, std::chrono::milliseconds low,
                                   std::chrono::milliseconds high) {
    std::size_t digits = 0;
    while (digits < e.value.size() && std::isdigit(static_cast<unsigned char>(e.value[digits]))) {
        ++digits;
    }
    const std::string unit = trim(e.value.substr(digits));
    static const std::map<std::string, long long> units = {
        {"", 1000}, {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};
    auto it = units.find(unit);
    std::chrono::milliseconds value{-1};
    if (digits > 0 && digits <= 9 && it != units.end()) {
        value = std::chrono::milliseconds(std::stoll(e.value.substr(0, digits)) * it->second);
    }
    if (value < low || value > high) {
        throw e.error("must be a duration such as 500ms, 30s, 5m or 2h, from " +
                      std::to_string(low.count()) + " ms to " + std::to_string(high.count()) +
                      " ms");
    }
    return value;
}

int number(const IniEntry& e, int low, int high) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(e.value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != e.value.size() || value < low || value > high) {
        throw e.error("must be a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high));
    }
    return value;
}

// "crm-change(order, order_line)" -> {"order", "order_line"}.
std::vector<std::string> crmChangeTables(const IniEntry& e) {
    const std::string prefix = "crm-change(";
    if (e.value.rfind(prefix, 0) != 0 || e.value.back() != ')') {
        throw e.error("must be crm-change(TABLE, ...), e.g. crm-change(sales_order, order_line)");
    }
    auto tables = list(e.value.substr(prefix.size(), e.value.size() - prefix.size() - 1));
    if (tables.empty()) {
        throw e.error("crm-change() needs at least one CRM table");
    }
    return tables;
}

using JobSetter = std::function<void(JobConfig&, const IniEntry&)>;

const std::map<std::string, JobSetter>& jobSetters() {
    using namespace std::chrono_literals;
    static const std::map<std::string, JobSetter> table = {
        {"action", [](JobConfig& j, const IniEntry& e) {
             const auto& names = jobActionNames();
             if (std::find(names.begin(), names.end(), e.value) == names.end()) {
                 std::string known;
                 for (const auto& n : names) {
                     known += (known.empty() ? "" : ", ") + n;
                 }
                 throw e.error("unknown action (known: " + known + ")");
             }
             j.action = e.value;
         }},
        {"entities", [](JobConfig& j, const IniEntry& e) { j.entities = list(e.value); }},
        {"schedule", [](JobConfig& j, const IniEntry& e) {
             j.schedule = e.value;
             j.schedule_at = e.file + ":" + std::to_string(e.line);
         }},
        {"timezone", [](JobConfig& j, const IniEntry& e) { j.timezone = e.value; }},
        {"misfire", [](JobConfig& j, const IniEntry& e) {
             if (e.value != "run-once" && e.value != "skip") {
                 throw e.error("must be run-once or skip");
             }
             j.misfire_skip = e.value == "skip";
         }},
        {"timeout", [](JobConfig& j, const IniEntry& e) {
             j.timeout = std::chrono::duration_cast<std::chrono::seconds>(duration(e, 1s, 24h));
         }},
        {"on", [](JobConfig& j, const IniEntry& e) { j.on_crm_change = crmChangeTables(e); }},
        {"debounce", [](JobConfig& j, const IniEntry& e) { j.debounce = duration(e, 0ms, 1h); }},
        {"retry_attempts", [](JobConfig& j, const IniEntry& e) {
             j.retry_attempts = number(e, 1, 100);
         }},
        {"retry_base", [](JobConfig& j, const IniEntry& e) {
             j.retry_base = std::chrono::duration_cast<std::chrono::seconds>(duration(e, 1s, 24h));
         }},
        {"retry_max", [](JobConfig& j, const IniEntry& e) {
             j.retry_max = std::chrono::duration_cast<std::chrono::seconds>(duration(e, 1s, 24h));
         }},
    };
    return table;
}

void applyJobsSection(JobsConfig& jobs, const IniEntry& e) {
    using namespace std::chrono_literals;
    if (e.key == "lease_ttl") {
        jobs.lease_ttl = std::chrono::duration_cast<std::chrono::seconds>(duration(e, 3s, 1h));
    } else if (e.key == "keep_succeeded_days") {
        jobs.keep_succeeded_days = number(e, 1, 36500);
    } else if (e.key == "keep_failed_days") {
        jobs.keep_failed_days = number(e, 1, 36500);
    } else {
        throw e.error("unknown setting (known: jobs.lease_ttl, jobs.keep_succeeded_days, "
                      "jobs.keep_failed_days)");
    }
}

}  // namespace

const std::vector<std::string>& jobActionNames() {
    static const std::vector<std::string> names = {"odata-pull", "odata-push", "odata-sync",
                                                   "drop-folder", "retention"};
    return names;
}

bool applyJobEntry(JobsConfig& jobs, const IniEntry& e) {
    if (e.section == "jobs") {
        applyJobsSection(jobs, e);
        return true;
    }
    if (e.section.rfind("job.", 0) != 0) {
        return false;
    }
    const std::string name = e.section.substr(4);
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
                            std::string::npos) {
        throw e.error("a job name is lower-case letters, digits, '-' and '_'");
    }
    auto job = std::find_if(jobs.jobs.begin(), jobs.jobs.end(),
                            [&](const JobConfig& j) { return j.name == name; });
    if (job == jobs.jobs.end()) {
        jobs.jobs.push_back(JobConfig{});
        job = std::prev(jobs.jobs.end());
        job->name = name;
    }
    auto setter = jobSetters().find(e.key);
    if (setter == jobSetters().end()) {
        std::string known;
        for (const auto& [key, set] : jobSetters()) {
            known += (known.empty() ? "" : ", ") + key;
        }
        throw e.error("unknown setting (known: " + known + ")");
    }
    setter->second(*job, e);
    return true;
}

void validateJobs(const JobsConfig& jobs, const std::string& file) {
    for (const auto& job : jobs.jobs) {
        const std::string where = file + ": [job." + job.name + "]: ";
        if (job.action.empty()) {
            throw ConfigFileError(where + "job." + job.name + ".action is not set (one of " +
                                  "odata-pull, odata-push, odata-sync, drop-folder, retention)");
        }
        if (job.retry_max < job.retry_base) {
            throw ConfigFileError(where + "job." + job.name +
                                  ".retry_max must not be shorter than retry_base");
        }
    }
    if (jobs.keep_failed_days < jobs.keep_succeeded_days) {
        throw ConfigFileError(file + ": jobs.keep_failed_days must be at least "
                              "jobs.keep_succeeded_days: failures are what an admin looks for");
    }
}

}  // namespace crmsync::config
