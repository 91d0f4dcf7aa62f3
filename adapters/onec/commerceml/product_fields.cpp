#include "adapters/onec/commerceml/product_fields.h"

#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_fields.h"
#include "adapters/onec/commerceml/text_values.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

namespace {

core::Value pair(const char* first_name, std::string first, const char* second_name,
                 std::string second) {
    return core::Nested{{first_name, std::move(first)}, {second_name, std::move(second)}};
}

bool isDigits(const std::string& text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// An attribute or, failing that, a child element of the same name.
std::optional<std::string> attributeOrChild(const dom::Element* item, const char* name) {
    if (auto value = dom::attribute(item, name)) {
        return value;
    }
    return dom::childText(item, name);
}

}  // namespace

std::optional<std::string> emitBaseUnit(const dom::Element* item, RecordEmitter& out) {
    const dom::Element* unit = dom::child(item, names::kBaseUnit);
    if (unit == nullptr) {
        return std::nullopt;
    }
    // Next to a Код the text is the short name ("шт"). Without one it is either the OKEI code
    // (3.x writes <БазоваяЕдиница>796 </БазоваяЕдиница>) or the only name 1C gave.
    std::string text = dom::text(unit);
    auto code = dom::attribute(unit, names::kCode);
    if (!code && isDigits(text)) {
        code = text;
    }
    std::string key = code && !code->empty() ? *code : text;
    if (key.empty()) {
        return std::nullopt;
    }
    auto full_name = dom::attribute(unit, names::kUnitFullName);
    bool text_is_name = !text.empty() && text != code;
    core::Record record = newRecord("unit", key, unit, out.file());
    putText(record, "code", code);
    putText(record, "name", text_is_name ? std::optional<std::string>(text) : full_name);
    putText(record, "full_name", full_name);
    putText(record, "intl_abbr", dom::attribute(unit, names::kUnitIntlAbbr));
    out.emitUnitOnce(std::move(record));
    return key;
}

std::optional<std::string> parentProductId(const std::string& id) {
    auto hash = id.find('#');
    if (hash == std::string::npos) {
        return std::nullopt;
    }
    return id.substr(0, hash);
}

std::optional<core::List> propertyValues(const dom::Element* item) {
    const dom::Element* list = dom::child(item, names::kPropertyValues);
    if (list == nullptr) {
        return std::nullopt;
    }
    core::List values;
    for (const dom::Element* property : dom::children(list, names::kPropertyValue)) {
        std::string id = dom::childText(property, names::kId).value_or("");
        const dom::Element* value = dom::child(property, names::kValue);
        if (value == nullptr) {  // a property 1C lists without a value: keep it, empty
            values.push_back(pair("id", id, "value", ""));
        }
        for (; value != nullptr; value = dom::nextSibling(value, names::kValue)) {
            values.push_back(pair("id", id, "value", dom::text(value)));
        }
    }
    return values;
}

std::optional<core::List> characteristics(const dom::Element* item) {
    const dom::Element* list = dom::child(item, names::kCharacteristics);
    if (list == nullptr) {
        return std::nullopt;
    }
    core::List values;
    for (const dom::Element* characteristic : dom::children(list, names::kCharacteristic)) {
        values.push_back(pair("name", dom::childText(characteristic, names::kName).value_or(""),
                              "value", dom::childText(characteristic, names::kValue).value_or("")));
    }
    return values;
}

std::string deletionMark(const dom::Element* item) {
    auto mark = attributeOrChild(item, names::kDeletionMark);
    bool deleted = (mark && normalizeBoolean(*mark) == "true") ||
                   attributeOrChild(item, names::kStatus) == names::kStatusDeleted;
    return deleted ? "true" : "false";
}

}  // namespace crmsync::commerceml
