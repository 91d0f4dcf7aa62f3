#pragma once
// The /api/v1 route table: method and path pattern ("/api/v1/conflicts/{id}/resolve") to a
// handler and who may call it. Every endpoint goes through dispatch(), which does the one
// authentication, CSRF and role check, so no handler can forget it.
#include <functional>
#include <string>
#include <vector>

#include "app/web/engine_mappings.h"
#include "app/web/job_control.h"
#include "app/web/login_limiter.h"
#include "app/web/principal.h"
#include "app/web/request_guard.h"
#include "app/web/store_pool.h"
#include "app/web/web_settings.h"
#include "app/web/web_types.h"

namespace crmsync::app::web {

// What the API's handlers share: settings, the daemon's mappings, clock, the guard, the
// sign-in limiter and the daemon's jobs.
struct ApiServices {
    const WebSettings& settings;
    const EngineMappings& mappings;
    Clock clock;
    RequestGuard guard;
    LoginLimiter limiter;
    JobControl* jobs = nullptr;  // null when the daemon runs no [job.NAME] jobs
};

// One call as a handler sees it: the request, who made it (null on a public route), the
// captured {id} / {name} segments in path order and the database.
struct ApiCall {
    const WebRequest& request;
    const Principal* who;
    std::vector<std::string> params;
    WebStore& store;
    ApiServices& services;
};

using ApiHandler = std::function<WebResponse(ApiCall&)>;

// Public: the handler checks what it needs itself (sign-in checks Origin).
enum class Access { Public, Accountant, Admin };

class ApiRouter {
public:
    void add(std::string method, std::string pattern, Access access, ApiHandler handler);

    // 404 not_found when no pattern matches, 405 when one does for another method; 401
    // unauthenticated, 403 csrf and 403 forbidden before a handler runs.
    WebResponse dispatch(const WebRequest& request, WebStore& store, ApiServices& services) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Access access;
        ApiHandler handler;
    };
    std::vector<Route> routes_;
};

// Every /api/v1 endpoint (api_routes.cpp).
ApiRouter makeApiRouter();

}  // namespace crmsync::app::web
