#pragma once
// Signed-in sessions of the HTTP API (schema migration 7), kept by the SHA-256 of the cookie
// so a copy of the database signs nobody in. Times are Unix seconds from the caller's clock.
// Each call commits on its own; throws like UserAccounts.
#include <cstdint>
#include <optional>
#include <string>

namespace crmsync::core {

struct WebSession {
    std::string id_hash;  // SHA-256 hex of the cookie value
    std::string user;
    std::string csrf_token;
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
};

class WebSessions {
public:
    virtual ~WebSessions() = default;
    virtual void create(const WebSession& session) = 0;
    virtual std::optional<WebSession> find(const std::string& id_hash) = 0;
    virtual void touch(const std::string& id_hash, std::int64_t at) = 0;
    virtual void remove(const std::string& id_hash) = 0;
    // Ends every session of `user`.
    virtual void removeOfUser(const std::string& user) = 0;
    // Drops sessions idle since before `idle_before` or made before `created_before`.
    virtual void purge(std::int64_t idle_before, std::int64_t created_before) = 0;
};

}  // namespace crmsync::core
