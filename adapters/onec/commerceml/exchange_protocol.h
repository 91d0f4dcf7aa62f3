#pragma once
// The server side of 1C's "exchange with site" protocol (protocols.md b): 1C calls one URL with
// type=catalog|sale and mode=checkauth, init, file, import, deactivate, complete, query,
// success. This class is the protocol without HTTP: exchange_http_handler.h feeds it requests
// from Poco's server, tests may call it directly.
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "adapters/onec/commerceml/exchange_backend.h"
#include "adapters/onec/commerceml/exchange_reply.h"
#include "adapters/onec/commerceml/exchange_sessions.h"
#include "adapters/onec/commerceml/exchange_settings.h"

namespace crmsync::commerceml {

struct ExchangeRequest {
    std::map<std::string, std::string> query;  // type, mode, filename, version, ... (decoded)
    std::optional<std::pair<std::string, std::string>> credentials;  // HTTP Basic user, password
    std::string cookie;  // the value of our session cookie, "" when absent
    std::istream* body = nullptr;
    long long content_length = -1;  // -1 when the request did not say
    std::string peer;               // client address, for the log
};

// The file a mode=file or mode=import request names.
struct RequestedFile {
    std::string raw;   // the `filename` parameter as sent, for messages
    std::string name;  // relative to the session's upload folder; "" when refused
};
// Drops the temp-folder prefix a Linux 1C server puts in front of the name, then applies
// sanitizeRelativeName, so that upload and import agree on every name.
RequestedFile requestedFile(const ExchangeRequest& request);

class ExchangeProtocol {
public:
    // `backend` must outlive the endpoint. Creates settings.upload_dir when missing.
    ExchangeProtocol(ExchangeSettings settings, ExchangeBackend& backend,
                     ExchangeSessions::Clock clock = [] {
                         return std::chrono::system_clock::now();
                     });

    // Answers one call; never throws: anything unexpected becomes "failure" with a reason, and
    // a refused call stores nothing. Thread safe (calls of one session run one at a time).
    ExchangeReply handle(const ExchangeRequest& request);

    const ExchangeSettings& settings() const { return settings_; }

private:
    ExchangeReply dispatch(const ExchangeRequest& request, const std::string& type,
                           const std::string& mode);
    ExchangeReply checkauth(const ExchangeRequest& request, const std::string& type);
    ExchangeReply init(ExchangeSession& session, const ExchangeRequest& request);
    // exchange_upload.cpp
    ExchangeReply receiveFile(ExchangeSession& session, const ExchangeRequest& request);
    // exchange_import.cpp
    ExchangeReply importFile(ExchangeSession& session, const ExchangeRequest& request);
    // Imports the upload `name` (a zip: the XML files inside, in exchange order), waiting for
    // the backend until `deadline`.
    ExchangeReply runImport(ExchangeSession& session, const std::string& name,
                            std::chrono::steady_clock::time_point deadline);
    // exchange_sale.cpp
    ExchangeReply query(ExchangeSession& session, const ExchangeRequest& request);
    ExchangeReply acknowledge(ExchangeSession& session);

    ExchangeSettings settings_;
    ExchangeBackend& backend_;
    ExchangeSessions sessions_;
};

}  // namespace crmsync::commerceml
