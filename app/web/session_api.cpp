#include "app/web/session_api.h"

#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/credentials.h"
#include "app/web/json_fields.h"
#include "app/web/person_journal.h"
#include "app/web/request_input.h"
#include "crmcore/logging.h"

namespace crmsync::app::web {

namespace {

std::string sessionBody(const std::string& name, Role role, const std::string& csrf) {
    return JsonFields()
        .raw("user", JsonFields().text("name", name).text("role", roleName(role)).done())
        .text("csrf_token", csrf)
        .done();
}

std::string cookie(const std::string& value, const WebSettings& settings, bool expire) {
    return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
           (settings.secure_cookie ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
}

WebResponse signIn(ApiCall& call) {
    auto& services = call.services;
    services.guard.checkOrigin(call.request);
    auto body = jsonBody(call.request);
    std::string name = requiredString(*body, "name");
    std::string password = requiredString(*body, "password");
    const std::string& ip = call.request.client_ip;
    if (services.limiter.blocked(name, ip)) {
        throw ApiError(429, "rate_limited", "too many failed sign-ins; try again later");
    }
    auto user = call.store.accounts().findUser(name);
    // An unknown name costs the same Argon2id verification as a known one, so the answer's
    // time does not tell which names exist.
    static const std::string unknown_user_hash = hashPassword(randomToken());
    bool matches = verifyPassword(user ? user->password_hash : unknown_user_hash, password);
    Role role;
    if (!user || !parseRole(user->role, role) || !matches) {
        services.limiter.failed(name, ip);
        core::logger("http")->warn("sign-in refused: user={} from={}", name, ip);
        throw ApiError(401, "bad_credentials", "wrong user name or password");
    }
    services.limiter.succeeded(name);
    auto& sessions = call.store.sessions();
    std::int64_t now = services.clock();
    // A new session at every sign-in: a cookie planted before it (session fixation) is void.
    if (!call.request.cookie.empty()) {
        sessions.remove(tokenHash(call.request.cookie));
    }
    sessions.purge(now - services.settings.session_idle_seconds,
                   now - services.settings.session_max_seconds);
    std::string id = randomToken();
    std::string csrf = randomToken();
    sessions.create({tokenHash(id), user->name, csrf, now, now});
    journalPersonAction(call.store.crm(),
                        {user->name, "sign-in", "", "", 0, "{}", "web " + ip});
    core::logger("http")->info("signed in: user={} role={} from={}", user->name, user->role, ip);
    WebResponse response = jsonResponse(sessionBody(user->name, role, csrf));
    response.headers.emplace_back("Set-Cookie", cookie(id, services.settings, false));
    return response;
}

WebResponse current(ApiCall& call) {
    auto who = call.services.guard.identify(call.request, call.store);
    if (!who || !who->by_session) {
        throw ApiError(401, "unauthenticated", "not signed in");
    }
    return jsonResponse(sessionBody(who->name, who->role, who->csrf_token));
}

WebResponse signOut(ApiCall& call) {
    if (call.who->by_session) {
        call.store.sessions().remove(call.who->session_hash);
        journalPersonAction(call.store.crm(), {call.who->name, "sign-out", "", "", 0, "{}",
                                               "web " + call.request.client_ip});
    }
    WebResponse response = jsonResponse("", 204);
    response.content_type.clear();
    response.headers.emplace_back("Set-Cookie", cookie("", call.services.settings, true));
    return response;
}

}  // namespace

void addSessionRoutes(ApiRouter& router) {
    router.add("POST", "/api/v1/session", Access::Public, signIn);
    router.add("GET", "/api/v1/session", Access::Public, current);
    router.add("DELETE", "/api/v1/session", Access::Accountant, signOut);
}

}  // namespace crmsync::app::web
