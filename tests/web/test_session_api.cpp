// Sign-in, the session cookie and its expiry, the rate limit, the Host check, the security
// headers and the UI's files: the HTTP API served for real on loopback.
#include <boost/test/unit_test.hpp>

#include "app/web/web_app.h"
#include "tests/web/web_harness.h"

using namespace crmsync::test;

BOOST_AUTO_TEST_SUITE(session_api)

CRMSYNC_TEST_ON_BOTH(sign_in_sets_a_strict_http_only_cookie_and_returns_the_csrf_token) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Reply reply = web.signIn("anna", "correct horse");
    BOOST_REQUIRE_EQUAL(reply.status, 200);
    auto body = reply.json();
    BOOST_TEST(body->getObject("user")->getValue<std::string>("name") == "anna");
    BOOST_TEST(body->getObject("user")->getValue<std::string>("role") == "accountant");
    BOOST_TEST(body->getValue<std::string>("csrf_token").size() == 64u);
    std::string cookie = reply.header("Set-Cookie");
    BOOST_TEST(cookie.find("; Path=/; HttpOnly; SameSite=Strict") != std::string::npos);
    BOOST_TEST(cookie.find("Secure") == std::string::npos);  // plain HTTP here
    BOOST_TEST(cookieValue(cookie).size() == 64u);
    // Only the cookie's hash is stored.
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM web_session WHERE id_hash = '" +
                              cookieValue(cookie) + "'") == 0);
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM web_session") == 1);

    Browser browser{cookieValue(cookie), body->getValue<std::string>("csrf_token")};
    Reply current = web.get("/api/v1/session", browser);
    BOOST_REQUIRE_EQUAL(current.status, 200);
    BOOST_TEST(current.json()->getValue<std::string>("csrf_token") == browser.csrf);
}

CRMSYNC_TEST_ON_BOTH(secure_cookie_under_tls) {
    crmsync::app::web::WebSettings settings;
    settings.secure_cookie = true;
    WebHarness web(backend, settings);
    web.addUser("anna", "accountant", "correct horse");
    Request request;
    request.method = "POST";
    request.path = "/api/v1/session";
    request.body = R"({"name":"anna","password":"correct horse"})";
    request.headers["Origin"] = "https://" + web.origin().substr(7);
    Reply reply = web.send(request);
    BOOST_REQUIRE_EQUAL(reply.status, 200);
    BOOST_TEST(reply.header("Set-Cookie").find("; Secure") != std::string::npos);
}

CRMSYNC_TEST_ON_BOTH(sign_in_rotates_the_session_and_voids_the_old_cookie) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Browser first = web.browser("anna", "correct horse");
    Reply again = web.signIn("anna", "correct horse", first.cookie);
    BOOST_REQUIRE_EQUAL(again.status, 200);
    std::string second = cookieValue(again.header("Set-Cookie"));
    BOOST_TEST(second != first.cookie);
    BOOST_TEST(web.get("/api/v1/session", first).status == 401);
    BOOST_TEST(web.get("/api/v1/session", {second, ""}).status == 200);
}

CRMSYNC_TEST_ON_BOTH(wrong_password_is_401_and_repeated_failures_are_429) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Reply wrong = web.signIn("anna", "wrong horse");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(wrong.errorCode() == "bad_credentials");
    BOOST_TEST(wrong.header("Set-Cookie").empty());
    BOOST_TEST(web.signIn("nobody", "x").errorCode() == "bad_credentials");
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(web.signIn("anna", "wrong horse").status == 401);
    }
    // Five failures from this address: even the right password waits out the window.
    Reply limited = web.signIn("anna", "correct horse");
    BOOST_TEST(limited.status == 429);
    BOOST_TEST(limited.errorCode() == "rate_limited");
    web.advanceClock(15 * 60 + 1);
    BOOST_TEST(web.signIn("anna", "correct horse").status == 200);
}

CRMSYNC_TEST_ON_BOTH(sign_in_needs_this_servers_origin_and_names_missing_fields) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Request request;
    request.method = "POST";
    request.path = "/api/v1/session";
    request.body = R"({"name":"anna","password":"correct horse"})";
    request.no_origin = true;
    Reply no_origin = web.send(request);
    BOOST_TEST(no_origin.status == 403);
    BOOST_TEST(no_origin.errorCode() == "csrf");
    request.no_origin = false;
    request.headers["Origin"] = "http://evil.example";
    BOOST_TEST(web.send(request).errorCode() == "csrf");

    request.headers.clear();
    request.body = R"({"name":"anna"})";
    Reply missing = web.send(request);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(missing.errorCode() == "bad_request");
    BOOST_TEST(missing.errorField() == "password");
    request.body = R"({"name":"anna","password":5})";
    BOOST_TEST(web.send(request).errorField() == "password");
    request.body = "{not json";
    Reply bad_json = web.send(request);
    BOOST_TEST(bad_json.status == 400);
    BOOST_TEST(bad_json.errorCode() == "bad_json");
    BOOST_TEST(bad_json.json()->getObject("error")->getValue<std::string>("message").find(
                   "the body is not JSON") == 0u);
}

CRMSYNC_TEST_ON_BOTH(a_session_ends_after_idle_time_and_after_its_absolute_lifetime) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Browser browser = web.browser("anna", "correct horse");
    web.advanceClock(29 * 60);
    BOOST_TEST(web.get("/api/v1/orders", browser).status == 200);  // and moves last use
    web.advanceClock(29 * 60);
    BOOST_TEST(web.get("/api/v1/orders", browser).status == 200);
    web.advanceClock(30 * 60);
    Reply idle = web.get("/api/v1/orders", browser);
    BOOST_TEST(idle.status == 401);
    BOOST_TEST(idle.errorCode() == "unauthenticated");
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM web_session") == 0);

    // In use every 29 minutes, so never idle long; still over after 12 hours.
    Browser busy = web.browser("anna", "correct horse");
    for (int use = 1; use <= 24; ++use) {  // 24 * 29 min = 11 h 36 min
        web.advanceClock(29 * 60);
        BOOST_REQUIRE_EQUAL(web.get("/api/v1/orders", busy).status, 200);
    }
    web.advanceClock(29 * 60);  // 12 h 5 min
    BOOST_TEST(web.get("/api/v1/orders", busy).status == 401);
}

CRMSYNC_TEST_ON_BOTH(sign_out_ends_the_session) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Browser browser = web.browser("anna", "correct horse");
    Request out;
    out.method = "DELETE";
    out.path = "/api/v1/session";
    out.headers["Cookie"] = "crmsync_session=" + browser.cookie;
    BOOST_TEST(web.send(out).errorCode() == "csrf");  // no token: refused, still signed in
    out.headers["X-CSRF-Token"] = browser.csrf;
    Reply reply = web.send(out);
    BOOST_TEST(reply.status == 204);
    BOOST_TEST(reply.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
    BOOST_TEST(web.get("/api/v1/session", browser).status == 401);
}

CRMSYNC_TEST_ON_BOTH(a_foreign_host_header_is_refused) {
    WebHarness web(backend);
    Request request;
    request.path = "/api/v1/health";
    request.headers["Host"] = "rebind.example:80";
    Reply reply = web.send(request);
    BOOST_TEST(reply.status == 421);
    BOOST_TEST(reply.errorCode() == "misdirected_request");
    request.path = "/";
    BOOST_TEST(web.send(request).status == 421);
    request.headers["Host"] = "localhost:" + web.origin().substr(web.origin().rfind(':') + 1);
    BOOST_TEST(web.send(request).status == 200);
}

CRMSYNC_TEST_ON_BOTH(configured_allowed_hosts_replace_the_defaults) {
    crmsync::app::web::WebSettings settings;
    settings.allowed_hosts = {"crm.example.com:443"};
    WebHarness web(backend, settings);
    Request request;
    request.path = "/";
    BOOST_TEST(web.send(request).status == 421);  // 127.0.0.1:PORT is no longer one
    request.headers["Host"] = "CRM.example.com:443";
    BOOST_TEST(web.send(request).status == 200);
}

CRMSYNC_TEST_ON_BOTH(every_answer_carries_the_security_headers) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    Request request;
    for (const std::string path : {"/", "/api/v1/orders", "/api/v1/nothing", "/assets/app.css"}) {
        request.path = path;
        Reply reply = web.send(request);
        BOOST_TEST(reply.header("Content-Security-Policy") ==
                   crmsync::app::web::kContentSecurityPolicy);
        BOOST_TEST(reply.header("Content-Security-Policy").find("unsafe") == std::string::npos);
        BOOST_TEST(reply.header("X-Content-Type-Options") == "nosniff");
        BOOST_TEST(reply.header("Referrer-Policy") == "same-origin");
    }
    BOOST_TEST(web.signIn("anna", "wrong").header("Content-Security-Policy") ==
               crmsync::app::web::kContentSecurityPolicy);
}

CRMSYNC_TEST_ON_BOTH(the_ui_files_are_served_from_the_binary) {
    WebHarness web(backend);
    Request request;
    request.path = "/";
    Reply index = web.send(request);
    BOOST_TEST(index.status == 200);
    BOOST_TEST(index.header("Content-Type") == "text/html; charset=utf-8");
    BOOST_TEST(index.header("Cache-Control") == "no-cache");
    BOOST_TEST(index.body.find("<!doctype html>") == 0u);
    request.path = "/assets/app.css";
    Reply css = web.send(request);
    BOOST_TEST(css.status == 200);
    BOOST_TEST(css.header("Content-Type") == "text/css; charset=utf-8");
    request.path = "/orders/42";  // a client-side route
    BOOST_TEST(web.send(request).body == index.body);
    request.path = "/assets/missing.js";
    BOOST_TEST(web.send(request).status == 404);
    request.path = "/api/v1/no-such-thing";
    BOOST_TEST(web.send(request).errorCode() == "not_found");
}

BOOST_AUTO_TEST_SUITE_END()
