#include "adapters/onec/commerceml/exchange_sessions.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>

#include "util/sha256.h"
#include "crmcore/error.h"
#include "util/utc_time.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

namespace {

// Starts with a dot: sanitizeRelativeName refuses such names, so no upload can overwrite it.
constexpr const char* kStateFile = ".session";

std::string randomCookie() {
    std::random_device device;  // /dev/urandom on Linux
    static const char hex[] = "0123456789abcdef";
    std::string cookie;
    for (int i = 0; i < 8; ++i) {
        unsigned value = device();
        for (int nibble = 0; nibble < 8; ++nibble) {
            cookie += hex[value & 0xF];
            value >>= 4;
        }
    }
    return cookie;
}

std::string folderId(const std::string& cookie) { return util::sha256Hex(cookie).substr(0, 32); }

struct StateFile {
    std::string type;
    std::string version;
    std::string last_batch;
    long long seen = 0;
};

std::optional<StateFile> readState(const fs::path& file) {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    StateFile state;
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        std::string key = line.substr(0, eq);
        std::string value = line.substr(eq + 1);
        if (key == "type") {
            state.type = value;
        } else if (key == "version") {
            state.version = value;
        } else if (key == "batch") {
            state.last_batch = value;
        } else if (key == "seen") {
            // A damaged number reads as 0, i.e. long expired: the session is refused, not fatal.
            state.seen = std::strtoll(value.c_str(), nullptr, 10);
        }
    }
    return state;
}

}  // namespace

ExchangeSessions::ExchangeSessions(fs::path upload_dir, std::chrono::seconds ttl, Clock clock)
    : upload_dir_(std::move(upload_dir)), ttl_(ttl), clock_(std::move(clock)) {
    fs::create_directories(upload_dir_);
}

ExchangeSessions::Opened ExchangeSessions::open(const std::string& type) {
    purgeExpired();
    Opened opened;
    opened.cookie = randomCookie();
    auto session = std::make_shared<ExchangeSession>();
    session->id = folderId(opened.cookie);
    session->type = type;
    session->folder = upload_dir_ / session->id;
    fs::create_directories(session->folder);
    writeState(*session);
    std::lock_guard lock(mutex_);
    live_[session->id] = session;
    opened.session = session;
    return opened;
}

std::shared_ptr<ExchangeSession> ExchangeSessions::find(const std::string& cookie,
                                                        const std::string& type) {
    if (cookie.empty() || cookie.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return nullptr;
    }
    std::string id = folderId(cookie);
    std::shared_ptr<ExchangeSession> session;
    {
        std::lock_guard lock(mutex_);
        if (auto it = live_.find(id); it != live_.end()) {
            session = it->second;
        }
    }
    if (!session) {
        session = restore(id);  // the daemon restarted since checkauth
    }
    if (!session || session->type != type) {
        return nullptr;
    }
    auto state = readState(session->folder / kStateFile);
    if (!state || clock_() - std::chrono::system_clock::time_point(std::chrono::seconds(
                                 state->seen)) > ttl_) {
        return nullptr;
    }
    writeState(*session);  // refreshes "seen"
    return session;
}

std::shared_ptr<ExchangeSession> ExchangeSessions::restore(const std::string& id) {
    auto state = readState(upload_dir_ / id / kStateFile);
    if (!state) {
        return nullptr;
    }
    auto session = std::make_shared<ExchangeSession>();
    session->id = id;
    session->type = state->type;
    session->folder = upload_dir_ / id;
    session->version = state->version;
    session->last_batch = state->last_batch;
    std::lock_guard lock(mutex_);
    // Two requests may restore at once; both must then share one session (and its lock).
    auto [it, inserted] = live_.emplace(id, session);
    return it->second;
}

void ExchangeSessions::save(const ExchangeSession& session) { writeState(session); }

void ExchangeSessions::writeState(const ExchangeSession& session) {
    std::lock_guard lock(state_mutex_);
    fs::path file = session.folder / kStateFile;
    fs::path temp = session.folder / ".session.tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << "type=" << session.type << "\nversion=" << session.version
            << "\nbatch=" << session.last_batch << "\nseen=" << util::unixSeconds(clock_())
            << "\n";
        if (!out) {
            throw Error("exchange: cannot write session state in " + session.folder.string());
        }
    }
    fs::rename(temp, file);  // atomic: a crash never leaves half a state file
}

void ExchangeSessions::clearUploads(const ExchangeSession& session) {
    for (const auto& entry : fs::directory_iterator(session.folder)) {
        std::string name = entry.path().filename().string();
        if (name != kStateFile) {
            fs::remove_all(entry.path());
        }
    }
}

void ExchangeSessions::purgeExpired() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(upload_dir_, ec)) {
        auto state = readState(entry.path() / kStateFile);
        if (!state || clock_() - std::chrono::system_clock::time_point(std::chrono::seconds(
                                     state->seen)) <= ttl_) {
            continue;
        }
        std::string id = entry.path().filename().string();
        {
            std::lock_guard lock(mutex_);
            auto it = live_.find(id);
            // A session busy with a request is left for the next purge.
            if (it != live_.end() && it->second.use_count() > 1) {
                continue;
            }
            live_.erase(id);
        }
        fs::remove_all(entry.path(), ec);
    }
}

}  // namespace crmsync::commerceml
