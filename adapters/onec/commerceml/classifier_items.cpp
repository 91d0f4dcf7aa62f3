// Классификатор items: groups, properties, price types, warehouses, units.
#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_fields.h"
#include "adapters/onec/commerceml/item_readers.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

namespace {

// ВариантыЗначений/Справочник of a Справочник-typed property as [{id, value}].
std::optional<core::List> propertyOptions(const dom::Element* property) {
    const dom::Element* variants = dom::child(property, names::kValueVariants);
    if (variants == nullptr) {
        return std::nullopt;
    }
    core::List options;
    for (const dom::Element* option : dom::children(variants, names::kDirectory)) {
        options.push_back(
            core::Nested{{"id", dom::childText(option, names::kValueId).value_or("")},
                         {"value", dom::childText(option, names::kValue).value_or("")}});
    }
    return options;
}

}  // namespace

void readGroupTree(const dom::Element* group, const std::optional<std::string>& parent,
                   RecordEmitter& out) {
    std::string id = itemId(group);
    core::Record record = newRecord("product_group", id, group, out.file());
    putText(record, "name", dom::childText(group, names::kName));
    putText(record, "parent", parent);
    out.emit(std::move(record));
    for (const dom::Element* child :
         dom::children(dom::child(group, names::kGroups), names::kGroup)) {
        readGroupTree(child, id, out);
    }
}

void readProperty(const dom::Element* property, RecordEmitter& out) {
    core::Record record = newRecord("property", itemId(property), property, out.file());
    putText(record, "name", dom::childText(property, names::kName));
    putText(record, "value_type", dom::childText(property, names::kValueType));
    if (auto options = propertyOptions(property)) {
        putValue(record, "options", std::move(*options));
    }
    out.emit(std::move(record));
}

void readPriceType(const dom::Element* price_type, RecordEmitter& out) {
    core::Record record = newRecord("price_type", itemId(price_type), price_type, out.file());
    putText(record, "name", dom::childText(price_type, names::kName));
    putText(record, "currency", dom::childText(price_type, names::kCurrency));
    const dom::Element* tax = dom::child(price_type, names::kTax);
    putText(record, "tax_name", dom::childText(tax, names::kName));
    putBoolean(record, "tax_included", dom::childText(tax, names::kTaxIncluded));
    out.emit(std::move(record));
}

void readWarehouse(const dom::Element* warehouse, RecordEmitter& out) {
    core::Record record = newRecord("warehouse", itemId(warehouse), warehouse, out.file());
    putText(record, "name", dom::childText(warehouse, names::kName));
    out.emit(std::move(record));
}

void readUnitDefinition(const dom::Element* unit, RecordEmitter& out) {
    // Products refer to the unit by its OKEI code (БазоваяЕдиница "796"), so that is the key;
    // the Ид is the same code in every export seen.
    auto code = dom::childText(unit, names::kCode);
    std::string key = code && !code->empty() ? *code : itemId(unit);
    core::Record record = newRecord("unit", key, unit, out.file());
    putText(record, "code", code);
    putText(record, "name", dom::childText(unit, names::kShortName));
    putText(record, "full_name", dom::childText(unit, names::kUnitFullName));
    putText(record, "intl_abbr", dom::childText(unit, names::kUnitIntlAbbr));
    out.emitUnitOnce(std::move(record));
}

}  // namespace crmsync::commerceml
