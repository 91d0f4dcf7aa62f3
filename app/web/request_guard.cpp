#include "app/web/request_guard.h"

#include <algorithm>
#include <cctype>

#include <sodium.h>

#include "app/web/api_error.h"
#include "app/web/credentials.h"

namespace crmsync::app::web {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Compares secrets in time that does not depend on where they differ.
bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void RequestGuard::checkHost(const WebRequest& request) const {
    std::string host = lower(request.host);
    if (settings_.allowed_hosts.empty()) {
        std::string port = ":" + std::to_string(request.server_port);
        for (const auto& name : {lower(settings_.listen_host), std::string("localhost"),
                                 std::string("127.0.0.1")}) {
            if (host == name + port) {
                return;
            }
        }
    } else {
        for (const auto& allowed : settings_.allowed_hosts) {
            if (host == lower(allowed)) {
                return;
            }
        }
    }
    throw ApiError(421, "misdirected_request",
                   "Host '" + request.host + "' is not served here (see [http] allowed_hosts)");
}

std::optional<Principal> RequestGuard::identify(const WebRequest& request,
                                                WebStore& store) const {
    const std::string bearer = "Bearer ";
    if (request.authorization.rfind(bearer, 0) == 0) {
        auto token = store.accounts().findToken(tokenHash(request.authorization.substr(bearer.size())));
        Role role;
        if (!token || !parseRole(token->role, role)) {
            return std::nullopt;
        }
        return Principal{token->name, role, false, "", ""};
    }
    if (request.cookie.empty()) {
        return std::nullopt;
    }
    std::string hash = tokenHash(request.cookie);
    auto session = store.sessions().find(hash);
    if (!session) {
        return std::nullopt;
    }
    std::int64_t now = clock_();
    if (session->last_seen_at + settings_.session_idle_seconds <= now ||
        session->created_at + settings_.session_max_seconds <= now) {
        store.sessions().remove(hash);
        return std::nullopt;
    }
    auto user = store.accounts().findUser(session->user);
    Role role;
    if (!user || !parseRole(user->role, role)) {
        return std::nullopt;
    }
    store.sessions().touch(hash, now);
    return Principal{user->name, role, true, hash, session->csrf_token};
}

bool RequestGuard::changesState(const WebRequest& request) {
    return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

void RequestGuard::checkOrigin(const WebRequest& request) const {
    std::string origin = lower(request.origin);
    std::string host = lower(request.host);
    std::string scheme = settings_.secure_cookie ? "https://" : "http://";
    if (origin.empty() || origin != scheme + host) {
        throw ApiError(403, "csrf",
                       request.origin.empty()
                           ? "the Origin header is missing"
                           : "Origin '" + request.origin + "' is not this server");
    }
}

void RequestGuard::checkCsrf(const WebRequest& request, const Principal& who) const {
    if (!who.by_session || !changesState(request)) {
        return;
    }
    if (request.csrf_token.empty() || !sameSecret(request.csrf_token, who.csrf_token)) {
        throw ApiError(403, "csrf", "the X-CSRF-Token header is missing or wrong");
    }
    checkOrigin(request);
}

}  // namespace crmsync::app::web
