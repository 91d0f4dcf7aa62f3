#include "app/web/api_router.h"

#include "app/web/api_error.h"

namespace crmsync::app::web {

namespace {

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) {
            slash = path.size();
        }
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

// "{id}", "{name}", ...: a segment the handler gets in ApiCall::params.
bool isParameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::string>& params) {
    if (pattern.size() != path.size()) {
        return false;
    }
    params.clear();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (isParameter(pattern[i])) {
            if (path[i].empty()) {
                return false;
            }
            params.push_back(path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

void ApiRouter::add(std::string method, std::string pattern, Access access, ApiHandler handler) {
    routes_.push_back({std::move(method), splitPath(pattern), access, std::move(handler)});
}

WebResponse ApiRouter::dispatch(const WebRequest& request, WebStore& store,
                                ApiServices& services) const {
    auto path = splitPath(request.path);
    if (!path.empty() && path.back().empty()) {
        path.pop_back();  // "/api/v1/orders/" is "/api/v1/orders"
    }
    std::vector<std::string> params;
    bool path_known = false;
    for (const auto& route : routes_) {
        if (!matches(route.segments, path, params)) {
            continue;
        }
        path_known = true;
        if (route.method != request.method) {
            continue;
        }
        std::optional<Principal> who;
        if (route.access != Access::Public) {
            who = services.guard.identify(request, store);
            if (!who) {
                throw ApiError(401, "unauthenticated", "sign in first (or send a bearer token)");
            }
            services.guard.checkCsrf(request, *who);
            if (route.access == Access::Admin && who->role != Role::Admin) {
                throw ApiError(403, "forbidden", "this needs the admin role");
            }
        }
        ApiCall call{request, who ? &*who : nullptr, params, store, services};
        return route.handler(call);
    }
    if (path_known) {
        throw ApiError(405, "method_not_allowed",
                       request.method + " is not allowed on " + request.path);
    }
    throw notFound("no API endpoint " + request.path);
}

}  // namespace crmsync::app::web
