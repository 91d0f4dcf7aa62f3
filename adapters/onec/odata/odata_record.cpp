#include "adapters/onec/odata/odata_record.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <Poco/JSON/Array.h>

#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

const std::string kEmptyRef = "00000000-0000-0000-0000-000000000000";
const std::string kEmptyDate = "0001-01-01T00:00:00";

// 1C writes numbers as JSON numbers, which Poco reads as doubles. 1C's numbers have at most 15
// significant digits (Number(15,2) prices, Number(15,3) quantities), and for those the
// shortest text that reads back as the same double is the decimal 1C wrote, so going through
// that text gives the exact value.
core::Value exactNumber(double number) {
    if (!std::isfinite(number)) {
        throw Error("1C OData: a number is not finite");
    }
    char text[400];
    auto [end, ec] = std::to_chars(text, text + sizeof text, number, std::chars_format::fixed);
    if (ec != std::errc{}) {
        throw Error("1C OData: a number cannot be written as a decimal");
    }
    auto decimal = core::Decimal::parse(std::string_view(text, static_cast<std::size_t>(end - text)));
    if (!decimal) {
        throw Error("1C OData: number " + std::string(text, end) + " is out of decimal range");
    }
    return core::Value(*decimal);
}

core::Value text(const std::string& value) {
    if (value == kEmptyRef || value == kEmptyDate) {
        return {};
    }
    return core::Value(value);
}

}  // namespace

core::Value odataValue(const Poco::Dynamic::Var& value) {
    if (value.isEmpty()) {
        return {};
    }
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto object = value.extract<Poco::JSON::Object::Ptr>();
        return object ? core::Value(odataFields(*object)) : core::Value();
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        core::List list;
        if (auto array = value.extract<Poco::JSON::Array::Ptr>()) {
            for (const auto& item : *array) {
                list.push_back(odataValue(item));
            }
        }
        return core::Value(std::move(list));
    }
    if (value.isBoolean()) {
        return core::Value(value.convert<bool>());
    }
    if (value.isInteger()) {
        return core::Value(core::Decimal::fromInteger(value.convert<std::int64_t>()));
    }
    if (value.isNumeric()) {
        return exactNumber(value.convert<double>());
    }
    return text(value.convert<std::string>());
}

std::string odataKey(const Poco::JSON::Object& entity, const std::vector<std::string>& key_fields) {
    std::string key;
    for (std::size_t i = 0; i < key_fields.size(); ++i) {
        if (!entity.has(key_fields[i])) {
            throw Error("1C OData: an object has no key property '" + key_fields[i] + "'");
        }
        if (i > 0) {
            key += '|';
        }
        key += odataValue(entity.get(key_fields[i])).toText();
    }
    return key;
}

std::vector<core::Field> odataFields(const Poco::JSON::Object& entity,
                                     const std::vector<std::string>& skip) {
    static const std::string kLinkSuffix = "@navigationLinkUrl";
    std::vector<core::Field> fields;
    fields.reserve(entity.size());
    for (const auto& [name, value] : entity) {
        if (std::find(skip.begin(), skip.end(), name) != skip.end() || name.starts_with("odata.") ||
            (name.size() > kLinkSuffix.size() &&
             name.compare(name.size() - kLinkSuffix.size(), kLinkSuffix.size(), kLinkSuffix) == 0)) {
            continue;
        }
        fields.push_back({name, odataValue(value)});
    }
    return fields;
}

}  // namespace crmsync::odata
