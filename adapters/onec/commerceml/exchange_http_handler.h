#pragma once
// Poco's HTTP server in front of ExchangeProtocol: turns a request into an ExchangeRequest
// (query, Basic credentials, cookie, body) and the reply back into a response.
#include <Poco/Net/HTTPRequestHandler.h>

#include "adapters/onec/commerceml/exchange_protocol.h"

namespace crmsync::commerceml {

class ExchangeHttpHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit ExchangeHttpHandler(ExchangeProtocol& endpoint) : endpoint_(endpoint) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    ExchangeProtocol& endpoint_;
};

}  // namespace crmsync::commerceml
