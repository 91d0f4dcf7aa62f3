#include "app/web/request_input.h"

#include <algorithm>
#include <cctype>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "app/web/api_error.h"

namespace crmsync::app::web {

Poco::JSON::Object::Ptr jsonBody(const WebRequest& request) {
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(request.body);
    } catch (const Poco::Exception& e) {
        throw ApiError(400, "bad_json", "the body is not JSON: " + e.displayText());
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
        throw ApiError(400, "bad_json", "the body must be a JSON object");
    }
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

std::optional<std::string> optionalString(const Poco::JSON::Object& body,
                                          const std::string& field) {
    if (!body.has(field) || body.isNull(field)) {
        return std::nullopt;
    }
    Poco::Dynamic::Var value = body.get(field);
    if (!value.isString()) {
        throw badField(field, field + " must be a string");
    }
    return value.toString();
}

std::string requiredString(const Poco::JSON::Object& body, const std::string& field) {
    auto value = optionalString(body, field);
    if (!value) {
        throw badField(field, field + " is required");
    }
    return *value;
}

std::optional<std::string> queryParam(const WebRequest& request, const std::string& name) {
    auto it = request.query.find(name);
    if (it == request.query.end() || it->second.empty()) {
        return std::nullopt;
    }
    return it->second;
}

std::int64_t positiveNumber(const std::string& text, const std::string& field) {
    if (text.empty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }) ||
        std::stoll(text) == 0) {
        throw badField(field, field + " '" + text + "': expected a positive whole number");
    }
    return std::stoll(text);
}

std::size_t limitParam(const WebRequest& request, std::size_t fallback, std::size_t max) {
    auto text = queryParam(request, "limit");
    if (!text) {
        return fallback;
    }
    std::int64_t limit = positiveNumber(*text, "limit");
    if (limit > static_cast<std::int64_t>(max)) {
        throw badField("limit", "limit must be at most " + std::to_string(max));
    }
    return static_cast<std::size_t>(limit);
}

std::int64_t cursorParam(const WebRequest& request) {
    auto text = queryParam(request, "cursor");
    return text ? positiveNumber(*text, "cursor") : 0;
}

void requireOneOf(const std::string& value, std::initializer_list<const char*> allowed,
                  const std::string& field) {
    std::string names;
    for (const char* name : allowed) {
        if (value == name) {
            return;
        }
        names += std::string(names.empty() ? "" : ", ") + name;
    }
    throw badField(field, field + " '" + value + "': expected one of " + names);
}

}  // namespace crmsync::app::web
