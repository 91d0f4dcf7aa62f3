#pragma once
// The web side of the daemon: /api/v1 and the UI's files, behind the Host check, with the
// security headers (CSP and friends) on every answer. Thread safe: each request borrows its
// own database connection from the pool.
#include <memory>

#include "app/web/api_router.h"
#include "app/web/store_pool.h"
#include "app/web/web_settings.h"
#include "app/web/web_types.h"

namespace crmsync::app::web {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// The headers every answer carries (CSP, nosniff, ...); API answers are also no-store.
void addSecurityHeaders(WebResponse& response, const std::string& path);

class WebApp {
public:
    // `pool` and `jobs` (null: the daemon runs no [job.NAME] jobs) must outlive the app.
    WebApp(WebSettings settings, StorePool& pool, EngineMappings mappings,
           Clock clock = systemClock(), JobControl* jobs = nullptr);

    // Never throws: every failure is an error response (5xx logged).
    WebResponse handle(const WebRequest& request);

private:
    WebResponse route(const WebRequest& request);

    WebSettings settings_;
    StorePool& pool_;
    EngineMappings mappings_;
    ApiServices services_;
    ApiRouter router_;
};

}  // namespace crmsync::app::web
