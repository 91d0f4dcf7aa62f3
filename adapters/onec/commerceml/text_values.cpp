#include "adapters/onec/commerceml/text_values.h"

#include "crmcore/decimal.h"
#include "util/text.h"
#include "util/utc_time.h"

namespace crmsync::commerceml {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the blank starting at `pos` (ASCII blank, U+00A0 or U+202F as 1C's number
// formatting and spreadsheets insert them), 0 when there is none.
std::size_t blankLength(std::string_view text, std::size_t pos) {
    if (util::isAsciiBlank(text[pos])) {
        return 1;
    }
    if (text.substr(pos, 2) == "\xC2\xA0") {
        return 2;
    }
    if (text.substr(pos, 3) == "\xE2\x80\xAF") {
        return 3;
    }
    return 0;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

struct DateParts {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool parseDate(std::string_view text, std::size_t& pos, DateParts& d) {
    return util::readDigits(text, pos, 4, d.year) && pos == 4 && expect(text, pos, '-') &&
           util::readDigits(text, pos, 2, d.month) && expect(text, pos, '-') &&
           util::readDigits(text, pos, 2, d.day);
}

// "h:mm[:ss][.fff]" with an unpadded hour allowed; fractions carry no meaning in 1C and go.
bool parseTime(std::string_view text, std::size_t& pos, DateParts& d) {
    if (!util::readDigits(text, pos, 2, d.hour) || !expect(text, pos, ':') ||
        !util::readDigits(text, pos, 2, d.minute)) {
        return false;
    }
    if (expect(text, pos, ':') && !util::readDigits(text, pos, 2, d.second)) {
        return false;
    }
    if (expect(text, pos, '.')) {
        while (pos < text.size() && isDigit(text[pos])) {
            ++pos;
        }
    }
    return true;
}

bool inRange(const DateParts& d) {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 && d.hour <= 23 &&
           d.minute <= 59 && d.second <= 59;
}

}  // namespace

std::string normalizeDecimal(const std::string& text) {
    std::string plain;
    plain.reserve(text.size());
    std::size_t commas = 0;
    bool has_dot = false;
    for (std::size_t pos = 0; pos < text.size();) {
        if (std::size_t blank = blankLength(text, pos); blank > 0) {
            pos += blank;
            continue;
        }
        commas += text[pos] == ',' ? 1 : 0;
        has_dot = has_dot || text[pos] == '.';
        plain.push_back(text[pos]);
        ++pos;
    }
    // A comma is a decimal separator only when it is the sole separator: "1,234.50" stays
    // ambiguous and is left for the mapping to refuse.
    if (commas == 1 && !has_dot) {
        plain[plain.find(',')] = '.';
    }
    return core::Decimal::parse(plain) ? plain : text;
}

std::optional<std::string> normalizeDateTime(const std::string& text) {
    std::string value(util::trimmed(text));
    if (value.empty() || value == "T" || value.rfind("0001-01-01", 0) == 0) {
        return std::nullopt;
    }
    DateParts d;
    std::size_t pos = 0;
    if (!parseDate(value, pos, d)) {
        return value;
    }
    // A date-only value may still carry the separator: "2017-08-01T" (Дата + "T" + empty Время).
    if ((expect(value, pos, 'T') || expect(value, pos, ' ')) && pos < value.size() &&
        !parseTime(value, pos, d)) {
        return value;
    }
    if (pos != value.size() || !inRange(d)) {
        return value;
    }
    return util::isoDateTime(d.year, d.month, d.day, d.hour, d.minute, d.second);
}

std::optional<std::string> normalizeBoolean(const std::string& text) {
    std::string value(util::trimmed(text));
    if (value.empty()) {
        return std::nullopt;
    }
    if (util::equalsIgnoringAsciiCase(value, "true") || value == "1" || value == "Да" || value == "да" ||
        value == "ДА") {
        return std::string("true");
    }
    if (util::equalsIgnoringAsciiCase(value, "false") || value == "0" || value == "Нет" || value == "нет" ||
        value == "НЕТ") {
        return std::string("false");
    }
    return value;
}

}  // namespace crmsync::commerceml
