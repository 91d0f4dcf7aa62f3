#pragma once
// Reading what a client sent: the JSON body and the query parameters, each failure an ApiError
// that names the field (400 bad_request) or carries the parser's message (400 bad_json).
#include <cstdint>
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

#include "app/web/web_types.h"

namespace crmsync::app::web {

// The body as a JSON object; 400 bad_json when it is not one.
Poco::JSON::Object::Ptr jsonBody(const WebRequest& request);
// A string member; 400 naming `field` when it is there but not a string, or (required) absent.
std::optional<std::string> optionalString(const Poco::JSON::Object& body, const std::string& field);
std::string requiredString(const Poco::JSON::Object& body, const std::string& field);

std::optional<std::string> queryParam(const WebRequest& request, const std::string& name);
// ?limit=: 1..max, `fallback` when absent.
std::size_t limitParam(const WebRequest& request, std::size_t fallback, std::size_t max);
// A positive whole number (a cursor, an id): 400 naming `field` otherwise.
std::int64_t positiveNumber(const std::string& text, const std::string& field);
// ?cursor=: the opaque cursor our lists hand out (an id); 0 when absent.
std::int64_t cursorParam(const WebRequest& request);
// `value` must be one of `allowed` (text like "in_1c, waiting"); 400 naming `field`.
void requireOneOf(const std::string& value, std::initializer_list<const char*> allowed,
                  const std::string& field);

}  // namespace crmsync::app::web
