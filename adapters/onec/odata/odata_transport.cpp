#include "adapters/onec/odata/odata_transport.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include "adapters/onec/odata/odata_error.h"
#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::odata {

namespace {

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

}  // namespace

OdataTransport::OdataTransport(const OdataSettings& settings, Sleeper sleeper)
    : settings_(settings), sleeper_(std::move(sleeper)), backoff_(settings.retry) {
    try {
        base_ = Poco::URI(settings.base_url);
    } catch (const Poco::SyntaxException& e) {
        throw Error("1C OData: base URL '" + core::redact(settings.base_url) +
                    "' is not a URL: " + e.displayText());
    }
    if (base_.getScheme() != "http" && base_.getScheme() != "https") {
        throw Error("1C OData: base URL '" + core::redact(settings.base_url) +
                    "' must start with http:// or https://");
    }
    if (settings_.retry.attempts < 1) {
        throw Error("1C OData: retry attempts must be at least 1");
    }
    auto user_info = base_.getUserInfo();
    if (!user_info.empty()) {
        if (settings_.user.empty()) {
            auto colon = user_info.find(':');
            settings_.user = user_info.substr(0, colon);
            settings_.password = colon == std::string::npos ? "" : user_info.substr(colon + 1);
        }
        base_.setUserInfo("");
    }
    base_path_ = base_.getPath();
    while (!base_path_.empty() && base_path_.back() == '/') {
        base_path_.pop_back();
    }
}

OdataTransport::~OdataTransport() = default;

std::string OdataTransport::displayUrl(const std::string& target) const {
    Poco::URI root = base_;
    root.setPath(base_path_);
    return root.toString() + "/" + target;
}

std::unique_ptr<Poco::Net::HTTPClientSession> OdataTransport::connect() const {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (base_.getScheme() == "https") {
        // The system CA store, as a browser on the 1C admin's machine would trust.
        Poco::Net::Context::Ptr context = new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
        session = std::make_unique<Poco::Net::HTTPSClientSession>(base_.getHost(), base_.getPort(),
                                                                  context);
    } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(base_.getHost(), base_.getPort());
    }
    session->setTimeout(timespan(settings_.connect_timeout), timespan(settings_.read_timeout),
                        timespan(settings_.read_timeout));
    session->setKeepAlive(true);
    return session;
}

HttpReply OdataTransport::exchange(const std::string& method, const std::string& target,
                                   const std::string& body, const std::string& if_match,
                                   bool& sent) {
    if (!session_) {
        session_ = connect();
    }
    Poco::Net::HTTPRequest request(method, base_path_ + "/" + target,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPBasicCredentials(settings_.user, settings_.password).authenticate(request);
    request.set("Accept", "application/json");
    if (!if_match.empty()) {
        request.set("If-Match", if_match);
    }
    if (method != Poco::Net::HTTPRequest::HTTP_GET) {
        request.setContentType("application/json; charset=utf-8");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    ++requests_;
    std::ostream& out = session_->sendRequest(request);
    out << body;
    // From here on 1C may have the whole request: Poco flushes the body at receiveResponse.
    sent = true;
    Poco::Net::HTTPResponse response;
    std::istream& in = session_->receiveResponse(response);
    HttpReply reply;
    reply.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
}

HttpReply OdataTransport::send(const std::string& method, const std::string& target,
                               const std::string& body, Replay replay, const std::string& what,
                               const std::string& if_match) {
    auto log = core::logger("onec.odata");
    for (int attempt = 1;; ++attempt) {
        if (replay == Replay::NotAfterSend) {
            // A kept-alive connection the server has quietly closed looks like a lost answer;
            // a fresh one keeps "lost" meaning that 1C may really have done the work.
            session_.reset();
        }
        std::string failure;  // why this try failed in a way a later try may not
        bool sent = false;
        bool lost = false;  // the request went out but no answer came back
        try {
            HttpReply reply = exchange(method, target, body, if_match, sent);
            if (reply.status < 300) {
                return reply;
            }
            if (reply.status < 500) {
                throwClientError(what, reply.status, reply.body);
            }
            failure = describeReply(reply.status, reply.body);
            // 1C's own 5xx means the call failed and its transaction was rolled back, so even a
            // create may be repeated. A 502/504 comes from a proxy in front of 1C that stopped
            // waiting, while 1C may still have finished the work.
            lost = reply.status == 502 || reply.status == 504;
        } catch (const Poco::Net::SSLException& e) {
            session_.reset();
            throw Error("1C OData " + what + " " + displayUrl(target) +
                        ": TLS failed: " + e.displayText());
        } catch (const Poco::TimeoutException& e) {
            session_.reset();
            failure = "timed out (" + e.displayText() + ")";
            lost = sent;
        } catch (const Poco::IOException& e) {  // refused, reset, closed without an answer
            session_.reset();
            failure = e.displayText();
            lost = sent;
        }
        if (lost && replay == Replay::NotAfterSend) {
            throw ExternalUnavailable("1C OData " + what + " " + displayUrl(target) +
                                      ": the answer was lost (" + failure +
                                      "); 1C may have carried the request out, so it is not "
                                      "repeated blindly");
        }
        if (attempt >= settings_.retry.attempts) {
            throw ExternalUnavailable("1C OData " + what + " " + displayUrl(target) +
                                      ": 1C is unavailable after " + std::to_string(attempt) +
                                      " attempts: " + failure);
        }
        auto delay = backoff_.delayBefore(attempt + 1);
        log->warn("{} url={} failed: {}; attempt {}/{}, retrying in {} ms", what,
                  displayUrl(target), failure, attempt, settings_.retry.attempts,
                  delay.count());
        sleeper_(delay);
    }
}

}  // namespace crmsync::odata
