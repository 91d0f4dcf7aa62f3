#pragma once
// The daemon's HTTP server (Poco): routes GET /healthz (200 "ok" once the daemon serves), 1C's
// exchange-with-site protocol on its configured path, and the rest to the web app (app/web:
// /api/v1 and the UI) when there is one; else 404.
#include <memory>
#include <string>

namespace Poco {
class ThreadPool;
}

namespace Poco::Net {
class HTTPServer;
}

namespace crmsync::commerceml {
class ExchangeProtocol;
}

namespace crmsync::app::web {
class WebApp;
}

namespace crmsync::app {

class HttpServer {
public:
    // `listen` is HOST:PORT; port 0 picks a free port (tests). `exchange` (may be null, else
    // must outlive the server) answers on its settings' path; `web` (may be null, else must
    // outlive the server) answers every other path but /healthz: /api/v1 and the UI.
    explicit HttpServer(const std::string& listen,
                        commerceml::ExchangeProtocol* exchange = nullptr,
                        web::WebApp* web = nullptr);
    ~HttpServer();

    void start();
    // Takes no new calls and lets those in progress answer.
    void stop();
    std::string boundAddress() const;
    unsigned short port() const;

private:
    std::string host_;
    std::unique_ptr<Poco::ThreadPool> threads_;  // declared first: outlives the server
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace crmsync::app
