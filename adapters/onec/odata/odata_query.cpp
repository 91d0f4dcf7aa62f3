#include "adapters/onec/odata/odata_query.h"

#include <cctype>

#include "adapters/onec/odata/odata_literals.h"

namespace crmsync::odata {

namespace {

// Characters 1C's own URLs show unencoded in keys and literals: guid'...', (...), commas in
// $select, colons in datetime literals. Encoding them would work too but hurts readability of
// logged URLs.
const std::string kLiteralChars = "'(),:";

void appendOption(std::string& out, const std::string& name, const std::string& value) {
    out += '&';
    out += name;
    out += '=';
    out += percentEncode(value, kLiteralChars);
}

}  // namespace

std::string percentEncode(const std::string& text, const std::string& keep) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' ||
            keep.find(c) != std::string::npos) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

std::string resourcePath(const std::string& entity_set, const std::string& ref_key) {
    std::string path = percentEncode(entity_set);
    if (!ref_key.empty()) {
        path += '(' + percentEncode(guidLiteral(ref_key), kLiteralChars) + ')';
    }
    return path;
}

std::string queryString(const OdataQuery& query) {
    std::string out = "?$format=json";
    if (!query.select.empty()) {
        std::string joined;
        for (const auto& name : query.select) {
            joined += joined.empty() ? name : "," + name;
        }
        appendOption(out, "$select", joined);
    }
    if (!query.filter.empty()) {
        appendOption(out, "$filter", query.filter);
    }
    if (!query.orderby.empty()) {
        appendOption(out, "$orderby", query.orderby);
    }
    if (query.top) {
        appendOption(out, "$top", std::to_string(*query.top));
    }
    if (query.skip) {
        appendOption(out, "$skip", std::to_string(*query.skip));
    }
    return out;
}

}  // namespace crmsync::odata
