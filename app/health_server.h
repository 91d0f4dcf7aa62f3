#pragma once
// The daemon's HTTP face: GET /healthz answers 200 "ok" once the daemon serves, and 1C's
// exchange endpoint answers on its own path.
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}

namespace crmsync::commerceml {
class ExchangeEndpoint;
}

namespace crmsync::app {

class HealthServer {
public:
    // `listen` is HOST:PORT; port 0 picks a free port (tests). `exchange` (may be null, else
    // must outlive the server) answers on its settings' path.
    explicit HealthServer(const std::string& listen,
                          commerceml::ExchangeEndpoint* exchange = nullptr);
    ~HealthServer();

    void start();
    // Takes no new calls and lets those in progress answer.
    void stop();
    std::string boundAddress() const;
    unsigned short port() const;

private:
    std::string host_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace crmsync::app
