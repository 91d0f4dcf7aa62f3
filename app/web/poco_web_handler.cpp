#include "app/web/poco_web_handler.h"

#include <istream>

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "app/web/api_error.h"
#include "app/web/session_api.h"

namespace crmsync::app::web {

namespace {

// API bodies are small JSON objects; anything bigger is refused unread.
constexpr std::size_t kMaxBody = 1 << 20;

WebRequest toWebRequest(Poco::Net::HTTPServerRequest& in, bool& too_big) {
    WebRequest request;
    request.method = in.getMethod();
    Poco::URI uri(in.getURI());
    request.path = uri.getPath();
    for (const auto& [name, value] : uri.getQueryParameters()) {
        request.query[name] = value;
    }
    request.host = in.get("Host", "");
    request.origin = in.get("Origin", "");
    request.authorization = in.get("Authorization", "");
    request.csrf_token = in.get("X-CSRF-Token", "");
    Poco::Net::NameValueCollection cookies;
    in.getCookies(cookies);
    request.cookie = cookies.get(kSessionCookie, "");
    request.client_ip = in.clientAddress().host().toString();
    request.server_port = in.serverAddress().port();
    too_big = in.getContentLength() > static_cast<std::streamsize>(kMaxBody);
    if (!too_big) {
        std::string body;
        char buffer[8192];
        auto& stream = in.stream();
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
            body.append(buffer, static_cast<std::size_t>(stream.gcount()));
            if (body.size() > kMaxBody) {
                too_big = true;
                break;
            }
        }
        request.body = std::move(body);
    }
    return request;
}

}  // namespace

void PocoWebHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response) {
    bool too_big = false;
    WebRequest web_request;
    WebResponse answer;
    try {
        web_request = toWebRequest(request, too_big);
        answer = too_big ? errorResponse(413, "too_large", "the body is over 1 MiB")
                         : app_.handle(web_request);
    } catch (const std::exception& e) {
        // A malformed URI (Poco::URI throws) is the client's.
        answer = errorResponse(400, "bad_request", e.what());
        addSecurityHeaders(answer, "/api/");
    }
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    for (const auto& [name, value] : answer.headers) {
        response.add(name, value);
    }
    if (answer.status == 204) {
        response.send();
        return;
    }
    response.setContentType(answer.content_type);
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    auto& out = response.send();
    if (request.getMethod() != "HEAD") {
        out << answer.body;
    }
}

}  // namespace crmsync::app::web
