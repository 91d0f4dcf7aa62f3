#include "app/web/web_app.h"

#include <chrono>

#include "app/web/api_error.h"
#include "app/web/static_files.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::app::web {

Clock systemClock() {
    return [] {
        return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
    };
}

WebApp::WebApp(WebSettings settings, StorePool& pool, EngineMappings mappings, Clock clock,
               JobControl* jobs)
    : settings_(std::move(settings)),
      pool_(pool),
      mappings_(std::move(mappings)),
      services_{settings_, mappings_, clock, RequestGuard(settings_, clock),
                LoginLimiter(settings_.login_failures, settings_.login_window_seconds, clock),
                jobs},
      router_(makeApiRouter()) {}

WebResponse WebApp::route(const WebRequest& request) {
    services_.guard.checkHost(request);
    if (request.path == "/api" || request.path.rfind("/api/", 0) == 0) {
        return pool_.with([&](WebStore& store) {
            return router_.dispatch(request, store, services_);
        });
    }
    if (request.method != "GET" && request.method != "HEAD") {
        throw ApiError(405, "method_not_allowed", request.method + " is not allowed here");
    }
    if (auto file = staticFile(request.path)) {
        return *file;
    }
    throw notFound("no file " + request.path);
}

WebResponse WebApp::handle(const WebRequest& request) {
    WebResponse response;
    auto log = core::logger("http");
    try {
        response = route(request);
    } catch (const ApiError& e) {
        response = errorResponse(e);
    } catch (const ExternalUnavailable& e) {
        log->warn("{} {}: {}", request.method, request.path, e.what());
        response = errorResponse(503, "unavailable", e.what());
    } catch (const std::exception& e) {
        log->error("{} {}: {}", request.method, request.path, e.what());
        response = errorResponse(500, "internal", e.what());
    }
    addSecurityHeaders(response, request.path);
    return response;
}

void addSecurityHeaders(WebResponse& response, const std::string& path) {
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    if (path.rfind("/api/", 0) == 0) {
        response.headers.emplace_back("Cache-Control", "no-store");
    }
}

}  // namespace crmsync::app::web
