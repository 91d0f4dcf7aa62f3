#pragma once
// POST/GET/DELETE /api/v1/session: sign-in with name and password (Argon2id), the session
// cookie (HttpOnly, SameSite=Strict, Secure behind TLS; a fresh one at every sign-in) and the
// CSRF token the browser sends back on every state change.
#include "app/web/api_router.h"

namespace crmsync::app::web {

inline constexpr const char* kSessionCookie = "crmsync_session";



}  // namespace crmsync::app::web
