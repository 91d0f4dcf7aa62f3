#include "adapters/onec/commerceml/exchange_http_handler.h"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "crmcore/logging.h"

namespace crmsync::commerceml {

namespace {

// Reads what a refused call left of its body. Answering without reading it makes the client
// see a reset connection instead of the answer; a body far beyond the limit is not read
// through but the connection is closed after the answer.
bool drainBody(std::istream& body, std::uint64_t limit) {
    std::vector<char> sink(1 << 16);
    std::uint64_t drained = 0;
    while (body && drained <= limit) {
        body.read(sink.data(), static_cast<std::streamsize>(sink.size()));
        drained += static_cast<std::uint64_t>(body.gcount());
    }
    return drained <= limit;
}

}  // namespace

void ExchangeHttpHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                        Poco::Net::HTTPServerResponse& response) {
    ExchangeRequest call;
    ExchangeReply reply;
    try {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
            call.query[name] = value;
        }
        if (request.hasCredentials()) {
            try {
                Poco::Net::HTTPBasicCredentials basic(request);
                call.credentials = std::make_pair(basic.getUsername(), basic.getPassword());
            } catch (const Poco::Exception&) {
                // Not Basic, or malformed: treated as no credentials, hence refused.
            }
        }
        Poco::Net::NameValueCollection cookies;
        request.getCookies(cookies);
        call.cookie = cookies.get(endpoint_.settings().cookie_name, "");
        call.body = &request.stream();
        call.content_length = request.hasContentLength() ? request.getContentLength64() : -1;
        call.peer = request.clientAddress().toString();
        reply = endpoint_.handle(call);
    } catch (const Poco::Exception& e) {
        core::logger("exchange")->warn("malformed request from {}: {}",
                                       request.clientAddress().toString(), e.displayText());
        reply = failureReply("malformed request: " + e.displayText());
    }
    if (!drainBody(request.stream(), endpoint_.settings().file_limit)) {
        response.setKeepAlive(false);
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType(reply.content_type);
    response.setContentLength64(static_cast<Poco::Int64>(reply.body.size()));
    for (const auto& [name, value] : reply.headers) {
        response.add(name, value);
    }
    response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
}

}  // namespace crmsync::commerceml
