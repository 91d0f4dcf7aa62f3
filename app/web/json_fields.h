#pragma once
// Builds one JSON object field by field, in the order given (the API's bodies are small and
// their field order is part of what a reader of the docs expects).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::app::web {

class JsonFields {
public:
    JsonFields& text(const char* name, const std::string& value);
    // null when absent.
    JsonFields& optionalText(const char* name, const std::optional<std::string>& value);
    JsonFields& number(const char* name, std::int64_t value);
    JsonFields& boolean(const char* name, bool value);
    // `json` is inserted as it is: an object, array or literal the caller made.
    JsonFields& raw(const char* name, const std::string& json);
    std::string done() const { return out_ + "}"; }

private:
    void name(const char* name);
    std::string out_ = "{";
};

// "[a,b,...]" of ready JSON values.
std::string jsonArray(const std::vector<std::string>& items);
std::string jsonText(const std::string& value);

// The list body of every paged endpoint: {"items": [...], "next_cursor": "..." | null}.
std::string pageJson(const std::vector<std::string>& items, const std::string& next_cursor);

}  // namespace crmsync::app::web
