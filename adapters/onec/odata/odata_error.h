#pragma once
// Turning 1C's error replies into crmsync errors an admin can act on.
// 1C answers failures with {"odata.error":{"code":"9","message":{"lang":"ru","value":"..."}}};
// the numeric codes are not documented, so the message text is what gets shown.
#include <optional>
#include <string>

namespace crmsync::odata {

struct OneCErrorBody {
    std::string code;
    std::string message;
};

// The code and message of an odata.error body; nullopt for anything else (an HTML page from
// the web server in front of 1C, an empty body).
std::optional<OneCErrorBody> parseOneCError(const std::string& body);

// "HTTP 404: <1C's message> (1C error code 9)", or the start of the body when it is not 1C's
// error form.
std::string describeReply(int status, const std::string& body);

// For a final 4xx reply to `what` ("GET Catalog_X"): 401/403 throw AccessDenied("...
// authentication failed ..."), 412 (an If-Match that no longer holds) throws VersionConflict, every other
// status throws Error with describeReply(). Never returns.
[[noreturn]] void throwClientError(const std::string& what, int status, const std::string& body);

}  // namespace crmsync::odata
