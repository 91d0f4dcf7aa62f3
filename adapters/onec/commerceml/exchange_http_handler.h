#pragma once
// Poco's HTTP server in front of ExchangeEndpoint: turns a request into an ExchangeRequest
// (query, Basic credentials, cookie, body) and the reply back into a response.
#include <Poco/Net/HTTPRequestHandler.h>

#include "adapters/onec/commerceml/exchange_endpoint.h"

namespace crmsync::commerceml {

class ExchangeHttpHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit ExchangeHttpHandler(ExchangeEndpoint& endpoint) : endpoint_(endpoint) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    ExchangeEndpoint& endpoint_;
};

}  // namespace crmsync::commerceml
