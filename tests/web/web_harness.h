#pragma once
// The HTTP API served for real on loopback (HttpServer on port 0 with the WebApp) over a fresh
// migrated database, with a clock the test moves, and a Poco client speaking to it.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "app/http_server.h"
#include "app/web/store_pool.h"
#include "app/web/web_app.h"
#include "tests/support/test_database.h"

namespace crmsync::test {

struct Reply {
    int status = 0;
    std::multimap<std::string, std::string> headers;
    std::string body;
    std::string header(const std::string& name) const;
    // The body as a JSON object (fails the test when it is not one).
    Poco::JSON::Object::Ptr json() const;
    // error.code / error.field of an error body.
    std::string errorCode() const;
    std::string errorField() const;
};

struct Request {
    std::string method = "GET";
    std::string path;
    std::string body;
    std::map<std::string, std::string> headers;  // Host and Origin default to the server's
    bool no_origin = false;
};

// A signed-in browser: its cookie and CSRF token.
struct Browser {
    std::string cookie;
    std::string csrf;
};

class WebHarness {
public:
    // `jobs`: what the API lists and triggers as the daemon's jobs (null: none); must outlive
    // the harness.
    explicit WebHarness(Backend backend, app::web::WebSettings settings = {},
                        app::web::JobControl* jobs = nullptr);
    // With the mapping files `mappings` names (the default: the built-in mapping only).
    WebHarness(Backend backend, app::web::WebSettings settings,
               app::web::EngineMappings mappings, app::web::JobControl* jobs = nullptr);
    ~WebHarness();

    TestDatabase& db() { return db_; }
    std::string origin() const;  // http://127.0.0.1:PORT
    void advanceClock(std::int64_t seconds) { now_ += seconds; }

    void addUser(const std::string& name, const std::string& role, const std::string& password);
    std::string addToken(const std::string& name, const std::string& role);

    Reply send(const Request& request);
    Reply get(const std::string& path, const Browser& browser);
    // A state change as the UI makes it: cookie, X-CSRF-Token and Origin.
    Reply post(const std::string& path, const std::string& body, const Browser& browser);
    Reply signIn(const std::string& name, const std::string& password,
                 const std::string& old_cookie = "");
    // Signs in and fails the test unless it worked.
    Browser browser(const std::string& name, const std::string& password);

private:
    TestDatabase db_;
    std::atomic<std::int64_t> now_{1'800'000'000};
    app::web::StorePool pool_;
    app::web::WebApp app_;
    app::HttpServer server_;
};

// The daemon's defaults: the built-in CommerceML mapping, no mapping file, no OData exchange.
app::web::EngineMappings builtinMappings();

// The value of crmsync_session in a Set-Cookie header.
std::string cookieValue(const std::string& set_cookie);

}  // namespace crmsync::test
