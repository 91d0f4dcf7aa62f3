#pragma once
// Poco's side of the web app: turns a Poco request into a WebRequest (the body read up to a
// limit) and writes the WebResponse back.
#include <Poco/Net/HTTPRequestHandler.h>

#include "app/web/web_app.h"

namespace crmsync::app::web {

class PocoWebHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit PocoWebHandler(WebApp& app) : app_(app) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    WebApp& app_;
};

}  // namespace crmsync::app::web
