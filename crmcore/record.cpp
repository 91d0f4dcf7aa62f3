#include "crmcore/record.h"

namespace crmsync::core {

namespace {

const Value kNull{};

void appendJson(std::string& out, const Value& value);

void appendNested(std::string& out, const Nested& fields) {
    out.push_back('{');
    bool first = true;
    for (const auto& field : fields) {
        if (!first) {
            out.push_back(',');
        }
        first = false;
        appendJsonString(out, field.name);
        out.push_back(':');
        appendJson(out, field.value);
    }
    out.push_back('}');
}

void appendJson(std::string& out, const Value& value) {
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += std::to_string(v);
            } else if constexpr (std::is_same_v<T, Decimal>) {
                appendJsonString(out, v.toString());
            } else if constexpr (std::is_same_v<T, std::string>) {
                appendJsonString(out, v);
            } else if constexpr (std::is_same_v<T, DateTime>) {
                appendJsonString(out, v.iso);
            } else if constexpr (std::is_same_v<T, List>) {
                out.push_back('[');
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (i > 0) {
                        out.push_back(',');
                    }
                    appendJson(out, v[i]);
                }
                out.push_back(']');
            } else {
                appendNested(out, v);
            }
        },
        value.data);
}

}  // namespace

bool Value::operator==(const Value& other) const { return data == other.data; }

std::string Value::toText() const {
    if (const auto* s = std::get_if<std::string>(&data)) {
        return *s;
    }
    if (const auto* d = std::get_if<Decimal>(&data)) {
        return d->toString();
    }
    if (const auto* b = std::get_if<bool>(&data)) {
        return *b ? "1" : "0";
    }
    if (const auto* i = std::get_if<std::int64_t>(&data)) {
        return std::to_string(*i);
    }
    if (const auto* t = std::get_if<DateTime>(&data)) {
        return t->iso;
    }
    if (isNull()) {
        return {};
    }
    return toJson(*this);
}

const Value& Record::get(std::string_view name) const {
    for (const auto& field : fields) {
        if (field.name == name) {
            return field.value;
        }
    }
    return kNull;
}

bool Record::has(std::string_view name) const {
    for (const auto& field : fields) {
        if (field.name == name) {
            return true;
        }
    }
    return false;
}

void Record::set(std::string name, Value value) {
    for (auto& field : fields) {
        if (field.name == name) {
            field.value = std::move(value);
            return;
        }
    }
    fields.push_back(Field{std::move(name), std::move(value)});
}

void appendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 0xF]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out.push_back('"');
}

std::string toJson(const Value& value) {
    std::string out;
    appendJson(out, value);
    return out;
}

std::string toJson(const Nested& fields) {
    std::string out;
    appendNested(out, fields);
    return out;
}

}  // namespace crmsync::core
