#include "adapters/onec/odata/odata_error.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

// Enough of a non-1C body (usually an IIS/Apache error page) to recognise it in a message.
constexpr std::size_t kSnippetBytes = 200;

// Cuts at a UTF-8 character boundary so a message never ends in half a Cyrillic letter.
std::string snippet(const std::string& body) {
    if (body.size() <= kSnippetBytes) {
        return body;
    }
    std::size_t end = kSnippetBytes;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) {
        --end;
    }
    return body.substr(0, end) + "...";
}

}  // namespace

std::optional<OneCErrorBody> parseOneCError(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        auto root = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        auto error = root ? root->getObject("odata.error") : nullptr;
        if (!error) {
            return std::nullopt;
        }
        OneCErrorBody out;
        out.code = error->optValue<std::string>("code", "");
        if (auto message = error->getObject("message")) {
            out.message = message->optValue<std::string>("value", "");
        }
        return out;
    } catch (const Poco::Exception&) {
        return std::nullopt;  // not JSON at all: the caller shows the raw body instead
    }
}

std::string describeReply(int status, const std::string& body) {
    std::string out = "HTTP " + std::to_string(status);
    if (auto error = parseOneCError(body)) {
        out += ": " + error->message;
        if (!error->code.empty()) {
            out += " (1C error code " + error->code + ")";
        }
    } else if (!body.empty()) {
        out += ": " + snippet(body);
    }
    return out;
}

void throwClientError(const std::string& what, int status, const std::string& body) {
    if (status == 401 || status == 403) {
        throw AccessDenied("1C OData " + what + ": authentication failed (" + describeReply(status, body) +
                    "); check the 1C user, its password and its rights to this object");
    }
    if (status == 412) {
        throw VersionConflict("1C OData " + what + ": the object changed in 1C since its version "
                              "was read (" + describeReply(status, body) + ")");
    }
    throw Error("1C OData " + what + ": " + describeReply(status, body));
}

}  // namespace crmsync::odata
