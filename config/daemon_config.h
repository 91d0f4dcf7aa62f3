#pragma once
// The daemon's settings, parsed once from one INI file plus the environment into typed structs.
// Each component's constructor takes only its own part. Secrets never come from the file.
#include <chrono>
#include <filesystem>
#include <string>

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
    std::string listen = "127.0.0.1:8080";  // host:port of /healthz (and later the 1C endpoint)
};

struct LogConfig {
    std::string level = "info";  // trace, debug, info, warn, error
    std::filesystem::path file;  // empty: log to stderr only
};

struct ImportConfig {
    int batch_size = 2000;  // records per database transaction, 1..100000
};

struct DaemonConfig {
    DatabaseConfig database;
    DropFolderConfig drop_folder;
    HttpConfig http;
    LogConfig log;
    ImportConfig import;
};

// Parses `path`. Relative paths in the file are taken relative to the working directory.
// Throws crmsync::ConfigError "file:line: section.key: message" for every kind of mistake:
// unknown section or key, malformed line, value out of range.
DaemonConfig loadDaemonConfig(const std::filesystem::path& path);

}  // namespace crmsync::config
