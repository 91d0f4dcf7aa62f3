#pragma once
// HTTP(S) exchange with one 1C publication, with Basic auth, timeouts and retries. Everything
// that can go wrong on the wire is sorted here into "1C refused" (crmsync::Error, never
// retried) and "1C unavailable" (retried with backoff, finally crmsync::ExternalUnavailable).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <Poco/URI.h>

#include "util/backoff.h"
#include "adapters/onec/odata/odata_settings.h"

namespace Poco::Net {
class HTTPClientSession;
}

namespace crmsync::odata {

// Blocks the calling thread for the given time; tests pass one that only records the delays.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

struct HttpReply {
    int status = 0;
    std::string body;
};

// Whether a request may be sent again when its answer is lost (timeout or connection closed
// after the request went out).
enum class Replay {
    Safe,          // reading, or a write that gives the same result when repeated
    NotAfterSend,  // a create: 1C may have committed it, and a repeat would create a second one
};

class OdataTransport {
public:
    // Throws crmsync::Error for a base URL that is not http(s) or settings out of range.
    OdataTransport(const OdataSettings& settings, Sleeper sleeper);
    ~OdataTransport();
    OdataTransport(const OdataTransport&) = delete;
    OdataTransport& operator=(const OdataTransport&) = delete;

    // Sends `method` to `target` (resource path + query, relative to the publication root) and
    // returns the first 2xx reply. `what` ("GET Catalog_X") names the call in errors and logs.
    // Throws crmsync::Error for a 4xx reply or a TLS failure, and crmsync::ExternalUnavailable
    // when retries ran out or a NotAfterSend request lost its answer. Not thread-safe: one
    // connection is kept alive between calls.
    // A non-empty `if_match` (1C's DataVersion) makes 1C refuse the write with 412 when the
    // object changed since.
    HttpReply send(const std::string& method, const std::string& target, const std::string& body,
                   Replay replay, const std::string& what, const std::string& if_match = {});

    // The full URL of `target` as it may be shown to people: no user, no password.
    std::string displayUrl(const std::string& target) const;

    // Requests put on the wire so far, retries included.
    std::uint64_t requestCount() const { return requests_; }

private:
    HttpReply exchange(const std::string& method, const std::string& target,
                       const std::string& body, const std::string& if_match, bool& sent);
    std::unique_ptr<Poco::Net::HTTPClientSession> connect() const;

    OdataSettings settings_;
    Poco::URI base_;        // publication root without user info
    std::string base_path_;  // its path without a trailing '/'
    Sleeper sleeper_;
    util::Backoff backoff_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::uint64_t requests_ = 0;
};

}  // namespace crmsync::odata
