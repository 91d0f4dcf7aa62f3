#pragma once
// The daemon's settings, parsed once from one INI file plus the environment into typed structs.
// Each component's constructor takes only its own part. Secrets never come from the file.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "config/job_config.h"

namespace crmsync::config {

struct DatabaseConfig {
    // sqlite:///abs/path.db, sqlite://relative/path.db or postgresql://user@host:port/dbname.
    // The PostgreSQL password comes from PGPASSWORD, never from this file.
    std::string url = "sqlite://var/crm.db";
};

struct DropFolderConfig {
    bool enabled = true;
    // Where 1C (or an admin) drops import.xml/offers.xml/orders or zips of them; done/ and
    // failed/ are created inside.
    std::filesystem::path path = "var/drop";
    // How often the folder is scanned. A file is taken once its size and time stayed the same
    // over one whole interval, so a file still being copied is never read half-written.
    std::chrono::seconds poll_interval{5};
};

struct HttpConfig {
    std::string listen = "127.0.0.1:8080";  // host:port of /healthz and the 1C endpoint
    bool api = true;  // /api/v1 and the web UI
    // Host headers the API and UI answer (host:port, comma-separated in the file); empty: the
    // listen host, localhost and 127.0.0.1 at the listen port.
    std::vector<std::string> allowed_hosts;
    bool secure_cookie = false;  // set when a TLS proxy fronts crmsync (cookies get Secure)
    int session_idle_minutes = 30;
    int session_max_hours = 12;
};

// A value from the environment that must never reach a log or an error message: printing it
// shows "***"; reveal() is for the one place that compares it.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value) : value_(std::move(value)) {}
    const std::string& reveal() const { return value_; }
    bool empty() const { return value_.empty(); }
    friend std::ostream& operator<<(std::ostream& out, const Secret&) { return out << "***"; }

private:
    std::string value_;
};

// 1C's "exchange with site" endpoint (the URL typed into 1C is http://HOST:PORT<path>).
struct ExchangeConfig {
    bool enabled = true;
    std::string path = "/1c_exchange";  // URL path; starts with '/'
    // Per-session upload folders are created inside; a session's files stay until its next init.
    std::filesystem::path upload_dir = "var/exchange";
    // Largest request body; 1C sends bigger files in parts of this size. 1 KiB..1 GiB.
    std::uint64_t file_limit = 8 << 20;
    std::chrono::seconds session_ttl{3600};  // idle time after which a cookie is refused
    // Longest one mode=import call works before answering "progress" (1C then calls again);
    // keep it well under 1C's HTTP timeout.
    std::chrono::seconds step{20};
    bool zip = true;  // whether 1C is told it may send zip archives
    // From CRMSYNC_EXCHANGE_USER / CRMSYNC_EXCHANGE_PASSWORD only. With no user set, every
    // checkauth is refused.
    std::string user;
    Secret password;
};

struct LogConfig {
    std::string level = "info";  // trace, debug, info, warn, error
    std::filesystem::path file;  // empty: log to stderr only
};

struct ImportConfig {
    int batch_size = 2000;  // records per database transaction, 1..100000
};

struct MappingConfig {
    // The mapping file the daemon's imports run through. Empty: the built-in copy of
    // config/mappings/commerceml-ut11.xml. A changed file that is valid is swapped in between
    // runs; an invalid one is refused (every error logged) and the old mapping kept.
    std::filesystem::path file;
    std::chrono::seconds poll_interval{2};  // how often the file is looked at, 1..3600
};

// The scheduled OData exchange with 1C: every interval a pull, then (with push) a push.
struct OdataConfig {
    bool enabled = false;
    // The publication root, e.g. http://host/base/odata/standard.odata.
    std::string url;
    std::string user;  // the 1C user; its password from CRMSYNC_ONEC_PASSWORD only
    Secret password;
    std::filesystem::path mapping = "config/mappings/odata-ut11.xml";  // watched like [mapping]
    std::chrono::seconds interval{300};  // 10..86400
    bool push = true;
    // Failed deliveries of one CRM change before it is a dead letter (crmsync outbox list).
    int max_attempts = 10;  // 1..1000
};

struct DaemonConfig {
    DatabaseConfig database;
    DropFolderConfig drop_folder;
    HttpConfig http;
    LogConfig log;
    ImportConfig import;
    ExchangeConfig exchange;
    MappingConfig mapping;
    OdataConfig odata;
    JobsConfig jobs;  // [jobs] and the [job.NAME] sections
};

// Parses `path`, then takes the exchange and OData credentials from the environment. Relative paths in
// the file are taken relative to the working directory.
// Throws crmsync::ConfigError "file:line: section.key: message" for every kind of mistake:
// unknown section or key, malformed line, value out of range.
DaemonConfig loadDaemonConfig(const std::filesystem::path& path);

}  // namespace crmsync::config
