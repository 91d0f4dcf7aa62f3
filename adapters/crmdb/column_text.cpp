#include "adapters/crmdb/column_text.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "crmcore/decimal.h"
#include "util/utc_time.h"

namespace crmsync::crmdb {

namespace {

bool digitsAt(std::string_view text, std::initializer_list<std::size_t> positions) {
    for (auto pos : positions) {
        if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) {
            return false;
        }
    }
    return true;
}

bool isDate(std::string_view text) {
    return text.size() >= 10 && digitsAt(text, {0, 1, 2, 3, 5, 6, 8, 9}) && text[4] == '-' &&
           text[7] == '-';
}

}  // namespace

std::string normalizeTimestamp(std::string_view text) {
    if (!isDate(text)) {
        return std::string(text);
    }
    if (text.size() == 10) {
        return std::string(text) + "T00:00:00";
    }
    bool time = text.size() >= 19 && (text[10] == ' ' || text[10] == 'T') &&
                digitsAt(text, {11, 12, 14, 15, 17, 18}) && text[13] == ':' && text[16] == ':';
    if (!time) {
        return std::string(text);
    }
    std::string out(text.substr(0, 19));
    out[10] = 'T';
    return out;
}

std::string canonicalText(core::ColumnType type, std::string text) {
    switch (type) {
        case core::ColumnType::Decimal:
            if (auto value = core::Decimal::parse(text)) {
                return value->toString();
            }
            return text;
        case core::ColumnType::Timestamp:
            return normalizeTimestamp(text);
        default:
            return text;
    }
}

bool needsCanonicalStore(core::ColumnType type) {
    return type == core::ColumnType::Decimal || type == core::ColumnType::Timestamp;
}

std::string utcNowText() { return util::utcIsoMillis(std::chrono::system_clock::now()); }

}  // namespace crmsync::crmdb
