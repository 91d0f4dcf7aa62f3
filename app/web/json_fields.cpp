#include "app/web/json_fields.h"

#include "crmcore/record.h"

namespace crmsync::app::web {

void JsonFields::name(const char* name) {
    if (out_.size() > 1) {
        out_ += ',';
    }
    core::appendJsonString(out_, name);
    out_ += ':';
}

JsonFields& JsonFields::text(const char* field, const std::string& value) {
    name(field);
    core::appendJsonString(out_, value);
    return *this;
}

JsonFields& JsonFields::optionalText(const char* field, const std::optional<std::string>& value) {
    return value ? text(field, *value) : raw(field, "null");
}

JsonFields& JsonFields::number(const char* field, std::int64_t value) {
    return raw(field, std::to_string(value));
}

JsonFields& JsonFields::boolean(const char* field, bool value) {
    return raw(field, value ? "true" : "false");
}

JsonFields& JsonFields::raw(const char* field, const std::string& json) {
    name(field);
    out_ += json;
    return *this;
}

std::string jsonArray(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        if (out.size() > 1) {
            out += ',';
        }
        out += item;
    }
    return out + "]";
}

std::string jsonText(const std::string& value) {
    std::string out;
    core::appendJsonString(out, value);
    return out;
}

std::string pageJson(const std::vector<std::string>& items, const std::string& next_cursor) {
    return JsonFields()
        .raw("items", jsonArray(items))
        .raw("next_cursor", next_cursor.empty() ? "null" : jsonText(next_cursor))
        .done();
}

}  // namespace crmsync::app::web
