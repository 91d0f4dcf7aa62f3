#include "mapping/value_conversion.h"

#include <charconv>

#include "util/text.h"
#include "util/utc_time.h"

namespace crmsync::mapping {

namespace {

using core::ColumnType;
using core::RecordError;
using Converted = core::Result<std::optional<std::string>>;

Converted convertScalarText(const std::string& raw, ColumnType type) {
    std::string text(util::trimmed(raw));
    switch (type) {
        case ColumnType::Text:
        case ColumnType::Reference: return std::optional<std::string>(raw);
        case ColumnType::Json: {
            std::string json;
            core::appendJsonString(json, raw);
            return std::optional<std::string>(json);
        }
        case ColumnType::Decimal: {
            if (text.empty()) {
                return std::optional<std::string>();
            }
            auto d = core::Decimal::parse(text);
            if (!d) {
                return RecordError{"", "invalid decimal '" + raw +
                                           "' (expected digits with '.' as the separator)"};
            }
            return std::optional<std::string>(d->toString());
        }
        case ColumnType::Integer: {
            if (text.empty()) {
                return std::optional<std::string>();
            }
            long long v = 0;
            auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc() || ptr != text.data() + text.size()) {
                return RecordError{"", "invalid integer '" + raw + "'"};
            }
            return std::optional<std::string>(std::to_string(v));
        }
        case ColumnType::Boolean: {
            if (text.empty()) {
                return std::optional<std::string>();
            }
            if (text == "true" || text == "1" || text == "True" || text == "TRUE") {
                return std::optional<std::string>("1");
            }
            if (text == "false" || text == "0" || text == "False" || text == "FALSE") {
                return std::optional<std::string>("0");
            }
            return RecordError{"", "invalid boolean '" + raw + "' (expected true or false)"};
        }
        case ColumnType::Timestamp: {
            auto ts = normalizeTimestamp(text);
            if (!ts) {
                return RecordError{"", "invalid date '" + raw + "' (expected YYYY-MM-DD[Thh:mm:ss])"};
            }
            if (ts->empty()) {
                return std::optional<std::string>();
            }
            return std::optional<std::string>(*ts);
        }
    }
    return RecordError{"", "unsupported column type"};
}

}  // namespace

std::optional<std::string> normalizeTimestamp(const std::string& raw) {
    std::string text(util::trimmed(raw));
    if (text.empty() || text == "T" || text.rfind("0001-01-01", 0) == 0) {
        return std::string();
    }
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!util::readDigits(text, pos, 4, year) || pos != 4 || pos >= text.size() || text[pos++] != '-' ||
        !util::readDigits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-' ||
        !util::readDigits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') {
            return std::nullopt;
        }
        ++pos;
        if (!util::readDigits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
            !util::readDigits(text, pos, 2, minute)) {
            return std::nullopt;
        }
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!util::readDigits(text, pos, 2, second)) {
                return std::nullopt;
            }
        }
        // Fractions of a second carry no meaning in 1C documents; drop them.
        if (pos < text.size() && text[pos] == '.') {
            pos = text.size();
        }
        if (pos != text.size()) {
            return std::nullopt;
        }
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 59) {
        return std::nullopt;
    }
    return util::isoDateTime(year, month, day, hour, minute, second);
}

core::Result<std::optional<std::string>> convertValue(const core::Value& value,
                                                      core::ColumnType type) {
    if (value.isNull()) {
        return std::optional<std::string>();
    }
    if (const auto* s = std::get_if<std::string>(&value.data)) {
        return convertScalarText(*s, type);
    }
    if (const auto* b = std::get_if<bool>(&value.data)) {
        if (type == ColumnType::Boolean || type == ColumnType::Integer) {
            return std::optional<std::string>(*b ? "1" : "0");
        }
        return convertScalarText(*b ? "true" : "false", type);
    }
    if (type == ColumnType::Json) {
        return std::optional<std::string>(core::toJson(value));
    }
    if (std::holds_alternative<core::List>(value.data) ||
        std::holds_alternative<core::Nested>(value.data)) {
        if (type == ColumnType::Text) {
            return std::optional<std::string>(core::toJson(value));
        }
        return RecordError{"", "a list cannot fill a column of this type"};
    }
    return convertScalarText(value.toText(), type);
}

}  // namespace crmsync::mapping
