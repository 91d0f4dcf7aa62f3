// Who may call what: 401 without credentials, 403 for an accountant on admin endpoints, CSRF
// refusals of a browser's state changes, and bearer tokens for scripts.
#include <boost/test/unit_test.hpp>

#include "tests/web/seed.h"
#include "tests/web/web_harness.h"

using namespace crmsync::test;

BOOST_AUTO_TEST_SUITE(access_api)

CRMSYNC_TEST_ON_BOTH(every_endpoint_refuses_a_caller_without_credentials) {
    WebHarness web(backend);
    for (const std::string path :
         {"/api/v1/orders", "/api/v1/orders/1", "/api/v1/journal", "/api/v1/conflicts",
          "/api/v1/conflicts/1", "/api/v1/quarantine", "/api/v1/quarantine/1", "/api/v1/outbox", "/api/v1/runs",
          "/api/v1/health", "/api/v1/users", "/api/v1/session"}) {
        Request request;
        request.path = path;
        Reply reply = web.send(request);
        BOOST_TEST(reply.status == 401, path);
        BOOST_TEST(reply.errorCode() == "unauthenticated", path);
    }
    Request post;
    post.method = "POST";
    post.path = "/api/v1/conflicts/1/resolve";
    post.body = R"({"take":"crm"})";
    BOOST_TEST(web.send(post).status == 401);
    post.path = "/api/v1/outbox/1/retry";
    BOOST_TEST(web.send(post).status == 401);
    post.path = "/api/v1/quarantine/1/replay";
    BOOST_TEST(web.send(post).status == 401);
    Request forged;
    forged.path = "/api/v1/orders";
    forged.headers["Cookie"] = "crmsync_session=made-up";
    BOOST_TEST(web.send(forged).status == 401);
}

CRMSYNC_TEST_ON_BOTH(users_are_the_admins_an_accountant_gets_403) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    web.addUser("root", "admin", "battery staple");
    Reply refused = web.get("/api/v1/users", web.browser("anna", "correct horse"));
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(refused.errorCode() == "forbidden");
    Reply users = web.get("/api/v1/users", web.browser("root", "battery staple"));
    BOOST_REQUIRE_EQUAL(users.status, 200);
    BOOST_TEST(users.body ==
               R"({"items":[{"name":"anna","role":"accountant"},{"name":"root","role":"admin"}],)"
               R"("next_cursor":null})");
    // An admin may do what an accountant may.
    BOOST_TEST(web.get("/api/v1/orders", web.browser("root", "battery staple")).status == 200);
}

CRMSYNC_TEST_ON_BOTH(a_browser_state_change_needs_the_csrf_token_and_this_origin) {
    WebHarness web(backend);
    web.addUser("anna", "accountant", "correct horse");
    auto order = addOrder(web.db(), "A-1", "2026-11-05T10:00:00", "10.00",
                          addCounterparty(web.db(), "ООО Ромашка", "7701234567"));
    auto conflict = addConflict(web.db(), "order", order, "comment", "crm text", "1c text");
    Browser browser = web.browser("anna", "correct horse");
    std::string path = "/api/v1/conflicts/" + std::to_string(conflict) + "/resolve";

    Request request;
    request.method = "POST";
    request.path = path;
    request.body = R"({"take":"onec"})";
    request.headers["Cookie"] = "crmsync_session=" + browser.cookie;
    Reply no_token = web.send(request);
    BOOST_TEST(no_token.status == 403);
    BOOST_TEST(no_token.errorCode() == "csrf");
    request.headers["X-CSRF-Token"] = std::string(64, 'a');
    BOOST_TEST(web.send(request).errorCode() == "csrf");
    request.headers["X-CSRF-Token"] = browser.csrf;
    request.headers["Origin"] = "http://evil.example";
    Reply foreign = web.send(request);
    BOOST_TEST(foreign.status == 403);
    BOOST_TEST(foreign.errorCode() == "csrf");
    request.headers.erase("Origin");
    request.no_origin = true;
    BOOST_TEST(web.send(request).errorCode() == "csrf");
    // Nothing of it reached the database.
    BOOST_TEST(web.db().text("SELECT status FROM conflict").value() == "open");
    BOOST_TEST(web.db().text("SELECT comment FROM sales_order").value() == "as typed in the CRM");

    request.no_origin = false;
    BOOST_TEST(web.send(request).status == 200);
}

CRMSYNC_TEST_ON_BOTH(a_bearer_token_works_without_csrf_and_carries_its_role) {
    WebHarness web(backend);
    std::string reader = web.addToken("nightly-report", "accountant");
    std::string admin = web.addToken("provisioning", "admin");
    BOOST_TEST(web.db().count("SELECT COUNT(*) FROM api_token WHERE token_hash = '" + reader +
                              "'") == 0);  // only the hash is kept
    Request request;
    request.path = "/api/v1/orders";
    request.no_origin = true;
    request.headers["Authorization"] = "Bearer " + reader;
    BOOST_TEST(web.send(request).status == 200);
    request.path = "/api/v1/users";
    BOOST_TEST(web.send(request).errorCode() == "forbidden");
    request.headers["Authorization"] = "Bearer " + admin;
    BOOST_TEST(web.send(request).status == 200);
    request.headers["Authorization"] = "Bearer " + std::string(64, '0');
    BOOST_TEST(web.send(request).errorCode() == "unauthenticated");

    auto order = addOrder(web.db(), "A-1", "2026-11-05T10:00:00", "10.00",
                          addCounterparty(web.db(), "ООО Ромашка", "7701234567"));
    auto conflict = addConflict(web.db(), "order", order, "comment", "crm text", "1c text");
    Request post;
    post.method = "POST";
    post.path = "/api/v1/conflicts/" + std::to_string(conflict) + "/resolve";
    post.body = R"({"take":"crm"})";
    post.no_origin = true;
    post.headers["Authorization"] = "Bearer " + reader;
    Reply resolved = web.send(post);
    BOOST_REQUIRE_EQUAL(resolved.status, 200);
    BOOST_TEST(resolved.json()->getValue<std::string>("decided_by") == "nightly-report");
}

CRMSYNC_TEST_ON_BOTH(a_wrong_method_is_405) {
    WebHarness web(backend);
    Request request;
    request.method = "PUT";
    request.path = "/api/v1/orders";
    Reply reply = web.send(request);
    BOOST_TEST(reply.status == 405);
    BOOST_TEST(reply.errorCode() == "method_not_allowed");
}

BOOST_AUTO_TEST_SUITE_END()
