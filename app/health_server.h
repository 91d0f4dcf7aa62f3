#pragma once
// The daemon's HTTP face. Today: GET /healthz answers 200 "ok" once the daemon serves; the 1C
// exchange endpoint joins it later.
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPServer;
}

namespace crmsync::app {

class HealthServer {
public:
    // `listen` is HOST:PORT; port 0 picks a free port (tests).
    explicit HealthServer(const std::string& listen);
    ~HealthServer();

    void start();
    void stop();
    std::string boundAddress() const;

private:
    std::string host_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace crmsync::app
