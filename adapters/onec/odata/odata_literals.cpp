#include "adapters/onec/odata/odata_literals.h"

#include <cctype>

#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

bool isGuid(const std::string& text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_place ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

// "YYYY-MM-DDThh:mm:ss" with digits where digits belong.
bool isIsoDateTime(const std::string& text) {
    static const std::string kShape = "dddd-dd-ddTdd:dd:dd";
    if (text.size() != kShape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool ok = kShape[i] == 'd' ? std::isdigit(static_cast<unsigned char>(text[i])) != 0
                                   : text[i] == kShape[i];
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string guidLiteral(const std::string& ref_key) {
    if (!isGuid(ref_key)) {
        throw Error("1C OData: '" + ref_key + "' is not a GUID (expected 8-4-4-4-12 hex digits)");
    }
    return "guid'" + ref_key + "'";
}

std::string datetimeLiteral(const core::DateTime& at) {
    if (!isIsoDateTime(at.iso)) {
        throw Error("1C OData: '" + at.iso + "' is not a date and time YYYY-MM-DDThh:mm:ss");
    }
    return "datetime'" + at.iso + "'";
}

std::string stringLiteral(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    out += '\'';
    return out;
}

}  // namespace crmsync::odata
