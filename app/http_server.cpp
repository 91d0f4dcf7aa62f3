#include "app/http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include "adapters/onec/commerceml/exchange_protocol.h"
#include "adapters/onec/commerceml/exchange_http_handler.h"
#include "app/web/poco_web_handler.h"
#include "crmcore/error.h"

namespace crmsync::app {

namespace {

class TextHandler : public Poco::Net::HTTPRequestHandler {
public:
    TextHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string body)
        : status_(status), body_(std::move(body)) {}
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override {
        response.setStatus(status_);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(static_cast<std::streamsize>(body_.size()));
        response.send() << body_;
    }

private:
    Poco::Net::HTTPResponse::HTTPStatus status_;
    std::string body_;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Router(commerceml::ExchangeProtocol* exchange, web::WebApp* web)
        : exchange_(exchange), web_(web) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override {
        std::string path = Poco::URI(request.getURI()).getPath();
        if (path == "/healthz") {
            return new TextHandler(Poco::Net::HTTPResponse::HTTP_OK, "ok\n");
        }
        if (exchange_ != nullptr && path == exchange_->settings().path) {
            return new commerceml::ExchangeHttpHandler(*exchange_);
        }
        if (web_ != nullptr) {
            return new web::PocoWebHandler(*web_);
        }
        return new TextHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "not found\n");
    }

private:
    commerceml::ExchangeProtocol* exchange_;
    web::WebApp* web_;
};

constexpr int kMinThreads = 2;
constexpr int kMaxThreads = 32;
constexpr int kMaxQueued = 128;
constexpr int kKeepAliveSeconds = 3;

}  // namespace

HttpServer::HttpServer(const std::string& listen, commerceml::ExchangeProtocol* exchange,
                       web::WebApp* web) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        throw ConfigError("http.listen must be HOST:PORT, got '" + listen + "'");
    }
    host_ = listen.substr(0, colon);
    auto port = static_cast<Poco::UInt16>(std::stoi(listen.substr(colon + 1)));
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(host_, port));
    auto params = new Poco::Net::HTTPServerParams;
    // A connection holds a thread while it is kept alive, and a browser opens up to six of them:
    // with a few threads and Poco's 15 s keep-alive, a second person's page would wait for the
    // first one's idle connections. So the server has a pool of its own (not Poco's shared
    // default pool, which other parts of the process may use), enough threads for several
    // people plus 1C's two exchanges, and idle connections are let go after a few seconds.
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(kMaxQueued);
    params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
    threads_ = std::make_unique<Poco::ThreadPool>("http", kMinThreads, kMaxThreads);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Router(exchange, web), *threads_,
                                                      socket, params);
}

HttpServer::~HttpServer() {
    stop();
    // The server's threads finish their connections before the pool they run on goes away.
    server_.reset();
    threads_->joinAll();
}

void HttpServer::start() { server_->start(); }

void HttpServer::stop() {
    if (server_) {
        // Calls in progress may finish their answer; no new ones are taken.
        server_->stopAll(false);
    }
}

unsigned short HttpServer::port() const { return server_->port(); }

std::string HttpServer::boundAddress() const {
    return host_ + ":" + std::to_string(server_->port());
}

}  // namespace crmsync::app
