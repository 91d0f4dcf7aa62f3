#pragma once
// Sessions of 1C's exchange: checkauth opens one and hands 1C a random cookie; every later call
// must bring it back. Each session owns an upload folder under upload_dir, named by the
// SHA-256 of the cookie (the cookie itself is never written down), with a small state file
// beside the uploads. Because the state is on disk, a daemon restart keeps sessions and
// uploads: 1C's next call carries on where it was.
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace crmsync::commerceml {

struct ExchangeSession {
    std::string id;                // digest prefix naming the folder; safe to log
    std::string type;              // "catalog" or "sale"
    std::filesystem::path folder;  // uploads of this session
    std::string version;           // CommerceML version 1C asked for at init ("" when none)
    std::string last_batch;        // what the last mode=query sent, until mode=success
    // Held for the whole of a request: 1C makes one call at a time per session, and a second
    // concurrent call (a retry after a timeout) must not append to a file being imported.
    std::mutex busy;
};

class ExchangeSessions {
public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    // Creates `upload_dir` when missing. `clock` is injectable so tests can expire sessions
    // without sleeping.
    ExchangeSessions(std::filesystem::path upload_dir, std::chrono::seconds ttl,
                     Clock clock = [] { return std::chrono::system_clock::now(); });

    struct Opened {
        std::string cookie;  // secret: goes to 1C only
        std::shared_ptr<ExchangeSession> session;
    };
    // A new session of `type` with an empty upload folder. Also removes expired sessions.
    Opened open(const std::string& type);

    // The session of `cookie`, or nullptr when unknown, expired or of another type. A found
    // session counts as used now. Thread safe.
    std::shared_ptr<ExchangeSession> find(const std::string& cookie, const std::string& type);

    // Writes version and last_batch to the session's state file.
    void save(const ExchangeSession& session);

    // Removes everything the session uploaded (init does this, as Bitrix does).
    static void clearUploads(const ExchangeSession& session);

private:
    std::shared_ptr<ExchangeSession> restore(const std::string& id);
    void writeState(const ExchangeSession& session);
    void purgeExpired();

    std::filesystem::path upload_dir_;
    std::chrono::seconds ttl_;
    Clock clock_;
    std::mutex mutex_;  // guards live_
    std::map<std::string, std::shared_ptr<ExchangeSession>> live_;
    std::mutex state_mutex_;  // one writer of state files at a time (they share a temp name)
};

}  // namespace crmsync::commerceml
