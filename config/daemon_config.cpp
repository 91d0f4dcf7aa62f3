#include "config/daemon_config.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>

#include "config/ini_file.h"

namespace crmsync::config {

namespace {

int parseInt(const IniEntry& entry, int low, int high) {
    std::size_t used = 0;
    int value = 0;
    try {
        value = std::stoi(entry.value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != entry.value.size() || used == 0 || value < low || value > high) {
        throw entry.error("must be a whole number from " + std::to_string(low) + " to " +
                          std::to_string(high));
    }
    return value;
}

bool parseBool(const IniEntry& entry) {
    if (entry.value == "true" || entry.value == "yes" || entry.value == "1") {
        return true;
    }
    if (entry.value == "false" || entry.value == "no" || entry.value == "0") {
        return false;
    }
    throw entry.error("must be true or false");
}

using Setter = std::function<void(DaemonConfig&, const IniEntry&)>;

const std::map<std::string, Setter>& setters() {
    static const std::map<std::string, Setter> table = {
        {"database.url", [](DaemonConfig& c, const IniEntry& e) {
             if (e.value.find(':') == std::string::npos) {
                 throw e.error("must be a URL such as sqlite://var/crm.db");
             }
             if (e.value.find("://") != std::string::npos &&
                 e.value.find('@') != std::string::npos &&
                 e.value.find(':', e.value.find("://") + 3) < e.value.find('@')) {
                 throw e.error("must not contain a password; set PGPASSWORD instead");
             }
             c.database.url = e.value;
         }},
        {"drop_folder.enabled", [](DaemonConfig& c, const IniEntry& e) {
             c.drop_folder.enabled = parseBool(e);
         }},
        {"drop_folder.path", [](DaemonConfig& c, const IniEntry& e) {
             if (e.value.empty()) {
                 throw e.error("must not be empty");
             }
             c.drop_folder.path = e.value;
         }},
        {"drop_folder.poll_seconds", [](DaemonConfig& c, const IniEntry& e) {
             c.drop_folder.poll_interval = std::chrono::seconds(parseInt(e, 1, 3600));
         }},
        {"http.listen", [](DaemonConfig& c, const IniEntry& e) {
             auto colon = e.value.rfind(':');
             if (colon == std::string::npos || colon == 0) {
                 throw e.error("must be HOST:PORT");
             }
             IniEntry port = e;
             port.value = e.value.substr(colon + 1);
             parseInt(port, 0, 65535);
             c.http.listen = e.value;
         }},
        {"http.api", [](DaemonConfig& c, const IniEntry& e) { c.http.api = parseBool(e); }},
        {"http.allowed_hosts", [](DaemonConfig& c, const IniEntry& e) {
             c.http.allowed_hosts.clear();
             std::size_t start = 0;
             while (start <= e.value.size()) {
                 std::size_t comma = e.value.find(',', start);
                 std::string host = e.value.substr(
                     start, comma == std::string::npos ? std::string::npos : comma - start);
                 host.erase(0, host.find_first_not_of(' '));
                 host.erase(host.find_last_not_of(' ') + 1);
                 if (host.find(':') == std::string::npos) {
                     throw e.error("'" + host + "': each host must be HOST:PORT");
                 }
                 c.http.allowed_hosts.push_back(host);
                 if (comma == std::string::npos) {
                     break;
                 }
                 start = comma + 1;
             }
         }},
        {"http.secure_cookie", [](DaemonConfig& c, const IniEntry& e) {
             c.http.secure_cookie = parseBool(e);
         }},
        {"http.session_idle_minutes", [](DaemonConfig& c, const IniEntry& e) {
             c.http.session_idle_minutes = parseInt(e, 1, 24 * 60);
         }},
        {"http.session_max_hours", [](DaemonConfig& c, const IniEntry& e) {
             c.http.session_max_hours = parseInt(e, 1, 24 * 30);
         }},
        {"log.level", [](DaemonConfig& c, const IniEntry& e) {
             static const std::string levels[] = {"trace", "debug", "info", "warn", "error"};
             for (const auto& level : levels) {
                 if (e.value == level) {
                     c.log.level = e.value;
                     return;
                 }
             }
             throw e.error("must be one of trace, debug, info, warn, error");
         }},
        {"log.file", [](DaemonConfig& c, const IniEntry& e) { c.log.file = e.value; }},
        {"import.batch_size", [](DaemonConfig& c, const IniEntry& e) {
             c.import.batch_size = parseInt(e, 1, 100000);
         }},
        {"exchange.enabled", [](DaemonConfig& c, const IniEntry& e) {
             c.exchange.enabled = parseBool(e);
         }},
        {"exchange.path", [](DaemonConfig& c, const IniEntry& e) {
             if (e.value.size() < 2 || e.value.front() != '/' ||
                 e.value.find_first_of("?# ") != std::string::npos || e.value == "/healthz") {
                 throw e.error("must be a URL path such as /1c_exchange");
             }
             c.exchange.path = e.value;
         }},
        {"exchange.upload_dir", [](DaemonConfig& c, const IniEntry& e) {
             if (e.value.empty()) {
                 throw e.error("must not be empty");
             }
             c.exchange.upload_dir = e.value;
         }},
        {"exchange.file_limit", [](DaemonConfig& c, const IniEntry& e) {
             c.exchange.file_limit = static_cast<std::uint64_t>(parseInt(e, 1024, 1 << 30));
         }},
        {"exchange.session_ttl_seconds", [](DaemonConfig& c, const IniEntry& e) {
             c.exchange.session_ttl = std::chrono::seconds(parseInt(e, 60, 7 * 24 * 3600));
         }},
        {"exchange.step_seconds", [](DaemonConfig& c, const IniEntry& e) {
             c.exchange.step = std::chrono::seconds(parseInt(e, 1, 600));
         }},
        {"exchange.zip", [](DaemonConfig& c, const IniEntry& e) { c.exchange.zip = parseBool(e); }},
        {"mapping.file", [](DaemonConfig& c, const IniEntry& e) { c.mapping.file = e.value; }},
        {"mapping.poll_seconds", [](DaemonConfig& c, const IniEntry& e) {
             c.mapping.poll_interval = std::chrono::seconds(parseInt(e, 1, 3600));
         }},
        {"odata.enabled", [](DaemonConfig& c, const IniEntry& e) { c.odata.enabled = parseBool(e); }},
        {"odata.url", [](DaemonConfig& c, const IniEntry& e) {
             if (e.value.rfind("http://", 0) != 0 && e.value.rfind("https://", 0) != 0) {
                 throw e.error("must be the http(s) URL of the publication root");
             }
             c.odata.url = e.value;
         }},
        {"odata.user", [](DaemonConfig& c, const IniEntry& e) { c.odata.user = e.value; }},
        {"odata.mapping", [](DaemonConfig& c, const IniEntry& e) { c.odata.mapping = e.value; }},
        {"odata.interval_seconds", [](DaemonConfig& c, const IniEntry& e) {
             c.odata.interval = std::chrono::seconds(parseInt(e, 10, 86400));
         }},
        {"odata.push", [](DaemonConfig& c, const IniEntry& e) { c.odata.push = parseBool(e); }},
        {"odata.max_attempts", [](DaemonConfig& c, const IniEntry& e) {
             c.odata.max_attempts = parseInt(e, 1, 1000);
         }},
        {"odata.password", [](DaemonConfig&, const IniEntry& e) {
             throw e.error("must not be in a file; set CRMSYNC_ONEC_PASSWORD instead");
         }},
        {"exchange.user", [](DaemonConfig&, const IniEntry& e) {
             throw e.error("must not be in a file; set CRMSYNC_EXCHANGE_USER instead");
         }},
        {"exchange.password", [](DaemonConfig&, const IniEntry& e) {
             throw e.error("must not be in a file; set CRMSYNC_EXCHANGE_PASSWORD instead");
         }},
    };
    return table;
}

}  // namespace

DaemonConfig loadDaemonConfig(const std::filesystem::path& path) {
    DaemonConfig config;
    for (const auto& entry : readIniFile(path)) {
        if (applyJobEntry(config.jobs, entry)) {
            continue;
        }
        auto it = setters().find(entry.section + "." + entry.key);
        if (it == setters().end()) {
            std::string known;
            for (const auto& [name, setter] : setters()) {
                known += (known.empty() ? "" : ", ") + name;
            }
            throw entry.error("unknown setting (known: " + known + ")");
        }
        it->second(config, entry);
    }
    if (const char* user = std::getenv("CRMSYNC_EXCHANGE_USER")) {
        config.exchange.user = user;
    }
    if (const char* password = std::getenv("CRMSYNC_EXCHANGE_PASSWORD")) {
        config.exchange.password = Secret(password);
    }
    if (const char* password = std::getenv("CRMSYNC_ONEC_PASSWORD")) {
        config.odata.password = Secret(password);
    }
    validateJobs(config.jobs, path.string());
    // A job's OData connection is [odata]'s whether or not [odata] enabled runs its own tick.
    for (const auto& job : config.jobs.jobs) {
        if (job.action == "drop-folder" && config.drop_folder.enabled) {
            throw ConfigFileError(path.string() + ": [job." + job.name + "]: action = "
                                  "drop-folder reads drop_folder.path, which the built-in scan "
                                  "reads too; set [drop_folder] enabled = false");
        }
        if (job.action.rfind("odata-", 0) == 0 &&
            (config.odata.url.empty() || config.odata.user.empty())) {
            throw ConfigFileError(path.string() + ": [job." + job.name + "]: action = " +
                                  job.action + " needs odata.url and odata.user in [odata]");
        }
    }
    if (config.odata.enabled && (config.odata.url.empty() || config.odata.user.empty())) {
        throw ConfigFileError(path.string() + ": [odata] is enabled but odata.url or odata.user "
                          "is not set");
    }
    return config;
}

}  // namespace crmsync::config
