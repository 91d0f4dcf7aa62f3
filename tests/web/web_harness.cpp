#include "tests/web/web_harness.h"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "app/web/credentials.h"
#include "mapping/entity_mapping.h"

namespace crmsync::test {

std::string Reply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

Poco::JSON::Object::Ptr Reply::json() const {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(body);
    BOOST_REQUIRE_MESSAGE(parsed.type() == typeid(Poco::JSON::Object::Ptr),
                          "not a JSON object: " + body);
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

std::string Reply::errorCode() const {
    return json()->getObject("error")->getValue<std::string>("code");
}

std::string Reply::errorField() const {
    auto error = json()->getObject("error");
    return error->isNull("field") ? "" : error->getValue<std::string>("field");
}

app::web::EngineMappings builtinMappings() {
    app::web::EngineMappings mappings;
    mappings.catalog = [] {
        // The built-in mapping lives as long as the program: nothing to delete.
        return std::shared_ptr<const mapping::Mapping>(&mapping::builtinCommerceMlMapping(),
                                                        [](const mapping::Mapping*) {});
    };
    return mappings;
}

WebHarness::WebHarness(Backend backend, app::web::WebSettings settings,
                       app::web::JobControl* jobs)
    : WebHarness(backend, std::move(settings), builtinMappings(), jobs) {}

WebHarness::WebHarness(Backend backend, app::web::WebSettings settings,
                       app::web::EngineMappings mappings, app::web::JobControl* jobs)
    : db_(backend),
      pool_(db_.url()),
      app_(std::move(settings), pool_, std::move(mappings), [this] { return now_.load(); },
           jobs),
      server_("127.0.0.1:0", nullptr, &app_) {
    server_.start();
}

WebHarness::~WebHarness() { server_.stop(); }

std::string WebHarness::origin() const {
    return "http://127.0.0.1:" + std::to_string(server_.port());
}

void WebHarness::addUser(const std::string& name, const std::string& role,
                         const std::string& password) {
    app::web::openWebStore(db_.url())->accounts().addUser(
        {name, role, app::web::hashPassword(password)});
}

std::string WebHarness::addToken(const std::string& name, const std::string& role) {
    std::string token = app::web::randomToken();
    app::web::openWebStore(db_.url())->accounts().addToken({name, role},
                                                           app::web::tokenHash(token));
    return token;
}

Reply WebHarness::send(const Request& request) {
    Poco::Net::HTTPClientSession session("127.0.0.1", server_.port());
    Poco::Net::HTTPRequest out(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
    out.setHost("127.0.0.1", server_.port());
    if (!request.no_origin) {
        out.set("Origin", origin());
    }
    for (const auto& [name, value] : request.headers) {
        out.set(name, value);
    }
    if (!request.body.empty()) {
        out.setContentType("application/json");
        out.setContentLength(static_cast<std::streamsize>(request.body.size()));
    }
    session.sendRequest(out) << request.body;
    Poco::Net::HTTPResponse in;
    std::istream& stream = session.receiveResponse(in);
    Reply reply;
    reply.status = static_cast<int>(in.getStatus());
    for (const auto& [name, value] : in) {
        reply.headers.emplace(name, value);
    }
    Poco::StreamCopier::copyToString(stream, reply.body);
    return reply;
}

Reply WebHarness::get(const std::string& path, const Browser& browser) {
    Request request;
    request.path = path;
    request.headers["Cookie"] = "crmsync_session=" + browser.cookie;
    return send(request);
}

Reply WebHarness::post(const std::string& path, const std::string& body, const Browser& browser) {
    Request request;
    request.method = "POST";
    request.path = path;
    request.body = body;
    request.headers["Cookie"] = "crmsync_session=" + browser.cookie;
    request.headers["X-CSRF-Token"] = browser.csrf;
    return send(request);
}

Reply WebHarness::signIn(const std::string& name, const std::string& password,
                         const std::string& old_cookie) {
    Request request;
    request.method = "POST";
    request.path = "/api/v1/session";
    request.body = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    if (!old_cookie.empty()) {
        request.headers["Cookie"] = "crmsync_session=" + old_cookie;
    }
    return send(request);
}

Browser WebHarness::browser(const std::string& name, const std::string& password) {
    Reply reply = signIn(name, password);
    BOOST_REQUIRE_MESSAGE(reply.status == 200, "sign-in failed: " + reply.body);
    return {cookieValue(reply.header("Set-Cookie")),
            reply.json()->getValue<std::string>("csrf_token")};
}

std::string cookieValue(const std::string& set_cookie) {
    const std::string prefix = "crmsync_session=";
    BOOST_REQUIRE_MESSAGE(set_cookie.rfind(prefix, 0) == 0, "no session cookie: " + set_cookie);
    auto end = set_cookie.find(';');
    return set_cookie.substr(prefix.size(), end - prefix.size());
}

}  // namespace crmsync::test
