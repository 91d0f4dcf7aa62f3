#pragma once
// The checks every request passes before any handler runs: the Host header (DNS rebinding),
// who is asking (session cookie or bearer token, with the sessions' idle and absolute expiry)
// and, for a browser's state change, the CSRF token and the Origin.
#include <optional>

#include "app/web/principal.h"
#include "app/web/store_pool.h"
#include "app/web/web_settings.h"
#include "app/web/web_types.h"

namespace crmsync::app::web {

class RequestGuard {
public:
    RequestGuard(const WebSettings& settings, Clock clock)
        : settings_(settings), clock_(std::move(clock)) {}

    // Throws ApiError 421 misdirected_request when Host is not one of ours.
    void checkHost(const WebRequest& request) const;
    // The session's or token's holder; nullopt when the request carries neither, or an unknown
    // or expired one (an expired session is deleted). A session's last use moves to now.
    std::optional<Principal> identify(const WebRequest& request, WebStore& store) const;
    // For POST, PUT, PATCH and DELETE by a session: X-CSRF-Token must be the session's and
    // Origin this server's; throws ApiError 403 csrf otherwise. Bearer requests pass.
    void checkCsrf(const WebRequest& request, const Principal& who) const;
    // Origin must name this server (sign-in, which has no session yet).
    void checkOrigin(const WebRequest& request) const;

    static bool changesState(const WebRequest& request);

private:
    const WebSettings& settings_;
    Clock clock_;
};

}  // namespace crmsync::app::web
