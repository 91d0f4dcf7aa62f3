#include "tests/emulator/odata_emulator.h"

#include <csignal>
#include <optional>
#include <sstream>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace crmsync::emulator {

namespace {

using Poco::Net::HTTPResponse;

// What a request path names below the publication root: Catalog_X, Catalog_X(guid'…'),
// Document_X(guid'…')/Post, InformationRegister_X/SliceLast().
struct Resource {
    std::string entity_set;
    std::string ref_key;  // empty for the collection
    std::string action;   // "Post", "SliceLast()", or empty
};

std::optional<Resource> parseResource(const std::string& rest) {
    Resource out;
    std::size_t open = rest.find('(');
    std::size_t slash = rest.find('/');
    out.entity_set = rest.substr(0, std::min(open, slash));
    if (open != std::string::npos && open < slash) {
        std::size_t close = rest.find(')', open);
        static const std::string kGuid = "guid'";
        if (close == std::string::npos || rest.compare(open + 1, kGuid.size(), kGuid) != 0 ||
            rest[close - 1] != '\'') {
            return std::nullopt;
        }
        out.ref_key = rest.substr(open + 1 + kGuid.size(), close - open - 2 - kGuid.size());
        slash = rest.find('/', close);
        if (slash != std::string::npos && slash != close + 1) {
            return std::nullopt;
        }
    }
    if (slash != std::string::npos) {
        out.action = rest.substr(slash + 1);
    }
    return out;
}

// Takes one from a "next N" fault counter; true when this request is hit.
bool takeOne(std::atomic<int>& counter) {
    int left = counter.load();
    while (left > 0) {
        if (counter.compare_exchange_weak(left, left - 1)) {
            return true;
        }
    }
    return false;
}

void sendBody(HTTPResponse::HTTPStatus status, const std::string& body,
              Poco::Net::HTTPServerResponse& response) {
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

// 1C's error body: {"odata.error":{"code":…,"message":{"lang":"ru","value":…}}}.
void sendError(HTTPResponse::HTTPStatus status, const std::string& code,
               const std::string& message, Poco::Net::HTTPServerResponse& response) {
    Poco::JSON::Object text(Poco::JSON_PRESERVE_KEY_ORDER);
    text.set("lang", "ru");
    text.set("value", message);
    Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
    error.set("code", code);
    error.set("message", text);
    Poco::JSON::Object root;
    root.set("odata.error", error);
    std::ostringstream out;
    root.stringify(out);
    sendBody(status, out.str(), response);
}

// Closes the connection without an answer, as when 1C or a proxy dies mid-request.
void dropConnection(Poco::Net::HTTPServerRequest& request) {
    dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
}

Poco::JSON::Object::Ptr project(const Poco::JSON::Object::Ptr& entity,
                                const std::vector<std::string>& select) {
    if (select.empty()) {
        return entity;
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& name : select) {
        if (entity->has(name)) {
            out->set(name, entity->get(name));
        }
    }
    return out;
}

std::vector<std::string> splitSelect(const std::string& select) {
    std::vector<std::string> names;
    std::istringstream in(select);
    std::string name;
    while (std::getline(in, name, ',')) {
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) {
            names.push_back(name);
        }
    }
    return names;
}

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(OdataEmulator& emulator) : emulator_(emulator) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        emulator_.handle(request, response);
    }

private:
    OdataEmulator& emulator_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit HandlerFactory(OdataEmulator& emulator) : emulator_(emulator) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(emulator_);
    }

private:
    OdataEmulator& emulator_;
};

// Serves one authenticated, fault-free request against the store.
class Exchange {
public:
    Exchange(OdataEmulator& emulator, Poco::Net::HTTPServerRequest& request,
             Poco::Net::HTTPServerResponse& response, std::string body)
        : emulator_(emulator), request_(request), response_(response), body_(std::move(body)) {}

    void run(const Resource& resource) {
        OdataStore& store = emulator_.store();
        if (!store.has(resource.entity_set)) {
            sendError(HTTPResponse::HTTP_NOT_FOUND, "9",
                      "Не найден ресурс: " + resource.entity_set, response_);
            return;
        }
        const std::string& method = request_.getMethod();
        if (method == "GET" && resource.ref_key.empty() &&
            (resource.action.empty() || resource.action == "SliceLast()")) {
            list(resource);
        } else if (method == "GET" && resource.action.empty()) {
            auto entity = store.find(resource.entity_set, resource.ref_key);
            if (!entity) {
                notFound(resource);
                return;
            }
            auto select = splitSelect(queryParameters()["$select"]);
            reply(HTTPResponse::HTTP_OK, withMetadata(project(entity, select), resource.entity_set));
        } else if (method == "POST" && resource.ref_key.empty()) {
            auto entity = body();
            if (entity) {
                written(HTTPResponse::HTTP_CREATED, store.insert(resource.entity_set, *entity),
                        resource);
            }
        } else if (method == "PATCH" && !resource.ref_key.empty() && resource.action.empty()) {
            auto changes = body();
            if (changes && request_.has("If-Match")) {
                auto current = store.find(resource.entity_set, resource.ref_key);
                if (current && current->getValue<std::string>("DataVersion") != request_.get("If-Match")) {
                    sendError(HTTPResponse::HTTP_PRECONDITION_FAILED, "13",
                              "Версия объекта изменилась: объект изменен другим пользователем",
                              response_);
                    return;
                }
            }
            if (changes) {
                auto entity = store.update(resource.entity_set, resource.ref_key, *changes);
                if (entity) {
                    written(HTTPResponse::HTTP_OK, entity, resource);
                } else {
                    notFound(resource);
                }
            }
        } else if (method == "POST" && resource.action == "Post") {
            if (!store.post(resource.entity_set, resource.ref_key)) {
                notFound(resource);
            } else if (emulator_.dropThisWriteAnswer()) {
                dropConnection(request_);
            } else {
                response_.setStatus(HTTPResponse::HTTP_OK);
                response_.setContentLength(0);
                response_.send();
            }
        } else {
            sendError(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "2",
                      "Метод " + method + " не поддерживается для этого ресурса", response_);
        }
    }

private:
    std::map<std::string, std::string> queryParameters() const {
        std::map<std::string, std::string> params;
        for (const auto& [name, value] : Poco::URI(request_.getURI()).getQueryParameters()) {
            params[name] = value;
        }
        return params;
    }

    void list(const Resource& resource) {
        auto params = queryParameters();
        StoreQuery query;
        query.virtual_table = resource.action;
        query.text = params["$filter"] + '\n' + params["$orderby"];
        try {
            if (!params["$filter"].empty()) {
                query.filter = parseFilter(params["$filter"]);
            }
            if (!params["$orderby"].empty()) {
                query.order = parseOrderBy(params["$orderby"]);
            }
            if (!params["$skip"].empty()) {
                query.skip = Poco::NumberParser::parseUnsigned(params["$skip"]);
            }
            if (!params["$top"].empty()) {
                query.top = Poco::NumberParser::parseUnsigned(params["$top"]);
            }
        } catch (const QueryError& e) {
            sendError(HTTPResponse::HTTP_BAD_REQUEST, "6",
                      "Ошибка разбора параметров запроса: " + std::string(e.what()), response_);
            return;
        } catch (const Poco::SyntaxException& e) {
            sendError(HTTPResponse::HTTP_BAD_REQUEST, "6",
                      "Неверное значение $top или $skip: " + e.displayText(), response_);
            return;
        }
        auto select = splitSelect(params["$select"]);
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& entity : emulator_.store().select(resource.entity_set, query)) {
            rows->add(project(entity, select));
        }
        Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        root->set("odata.metadata", emulator_.url() + "/$metadata#" + resource.entity_set);
        root->set("value", rows);
        reply(HTTPResponse::HTTP_OK, root);
    }

    // The request body as a JSON object; answers 400 and returns nullptr when it is not one.
    Poco::JSON::Object::Ptr body() {
        try {
            Poco::JSON::Parser parser;
            auto object = parser.parse(body_).extract<Poco::JSON::Object::Ptr>();
            if (object) {
                return object;
            }
        } catch (const Poco::Exception&) {
            // answered below, as 1C answers any body it cannot read
        }
        sendError(HTTPResponse::HTTP_BAD_REQUEST, "3", "Неверный формат тела запроса",
                  response_);
        return nullptr;
    }

    void written(HTTPResponse::HTTPStatus status, const Poco::JSON::Object::Ptr& entity,
                 const Resource& resource) {
        if (emulator_.dropThisWriteAnswer()) {
            dropConnection(request_);
            return;
        }
        reply(status, withMetadata(entity, resource.entity_set));
    }

    Poco::JSON::Object::Ptr withMetadata(const Poco::JSON::Object::Ptr& entity,
                                         const std::string& entity_set) const {
        Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        out->set("odata.metadata", emulator_.url() + "/$metadata#" + entity_set + "/@Element");
        for (const auto& [name, value] : *entity) {
            out->set(name, value);
        }
        return out;
    }

    void notFound(const Resource& resource) {
        sendError(HTTPResponse::HTTP_NOT_FOUND, "9",
                  "Объект не найден: " + resource.entity_set + "(guid'" + resource.ref_key + "')",
                  response_);
    }

    void reply(HTTPResponse::HTTPStatus status, const Poco::JSON::Object::Ptr& root) {
        std::ostringstream out;
        root->stringify(out);
        std::string text = out.str();
        if (takeOne(emulator_.faults().malformed_next)) {
            text.resize(text.size() / 2);
        }
        sendBody(status, text, response_);
    }

    OdataEmulator& emulator_;
    Poco::Net::HTTPServerRequest& request_;
    Poco::Net::HTTPServerResponse& response_;
    std::string body_;
};

}  // namespace

OdataEmulator::OdataEmulator(OdataEmulatorOptions options)
    : options_(std::move(options)), threads_(2, 32) {
    // A client that gives up on a slow answer (the timeout tests do) must not kill the whole
    // process with SIGPIPE when the server writes to the closed connection.
    std::signal(SIGPIPE, SIG_IGN);
    // Not Poco's default SO_REUSEPORT: a second server on a taken port must fail, not share it.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(options_.host, options_.port), /*reuseAddress=*/true,
                /*reusePort=*/false);
    socket.listen();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setMaxThreads(32);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(*this), threads_, socket,
                                                      params);
    server_->start();
}

OdataEmulator::~OdataEmulator() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    server_->stopAll(true);
    threads_.joinAll();
}

std::string OdataEmulator::url() const {
    // An IPv6 address goes in brackets in a URL.
    std::string host = options_.host.find(':') == std::string::npos ? options_.host
                                                                     : "[" + options_.host + "]";
    return "http://" + host + ":" + std::to_string(server_->port()) + options_.publication;
}

bool OdataEmulator::dropThisWriteAnswer() {
    std::uint64_t number = ++writes_;
    int every = faults_.drop_after_write_every.load();
    return takeOne(faults_.drop_after_write_next) ||
           (every > 0 && number % static_cast<std::uint64_t>(every) == 0);
}

void OdataEmulator::hang() {
    std::unique_lock lock(stop_mutex_);
    stop_signal_.wait_for(lock, options_.hang_for, [this] { return stopping_; });
}

void OdataEmulator::handle(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
    std::uint64_t number = ++requests_;
    // Read before any answer: a body left unread on a kept-alive connection would be taken
    // for the next request.
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    if (int latency = faults_.latency_ms.load(); latency > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(latency));
    }
    if (takeOne(faults_.hang_next)) {
        hang();
        dropConnection(request);
        return;
    }
    bool authorized = false;
    if (!faults_.reject_auth && request.hasCredentials()) {
        try {
            Poco::Net::HTTPBasicCredentials credentials(request);
            authorized = credentials.getUsername() == options_.user &&
                         credentials.getPassword() == options_.password;
        } catch (const Poco::Net::NotAuthenticatedException&) {
            authorized = false;  // not Basic: refused like a wrong password
        }
    }
    if (!authorized) {
        response.set("WWW-Authenticate", "Basic realm=\"1C:Enterprise\"");
        sendError(HTTPResponse::HTTP_UNAUTHORIZED, "401", "Ошибка аутентификации", response);
        return;
    }
    int fail_every = faults_.fail_every.load();
    if (fail_every > 0 && number % static_cast<std::uint64_t>(fail_every) == 0) {
        sendError(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "-1",
                  "Сервер 1С:Предприятия временно недоступен", response);
        return;
    }
    std::string path = Poco::URI(request.getURI()).getPath();
    std::string root = options_.publication + "/";
    std::optional<Resource> resource;
    if (path.compare(0, root.size(), root) == 0) {
        resource = parseResource(path.substr(root.size()));
    }
    if (!resource) {
        sendError(HTTPResponse::HTTP_NOT_FOUND, "9", "Не найден ресурс: " + path, response);
        return;
    }
    try {
        Exchange(*this, request, response, std::move(body)).run(*resource);
    } catch (const Poco::Exception& e) {
        if (!response.sent()) {
            sendError(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "-1", e.displayText(), response);
        }
    } catch (const std::exception& e) {
        if (!response.sent()) {
            sendError(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "-1", e.what(), response);
        }
    }
}

}  // namespace crmsync::emulator
