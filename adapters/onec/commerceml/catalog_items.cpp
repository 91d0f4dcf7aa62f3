// Каталог items: products.
#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_fields.h"
#include "adapters/onec/commerceml/item_readers.h"
#include "adapters/onec/commerceml/product_fields.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

namespace {

// 1C writes the full name as its own element or, depending on the exchange settings, as the
// requisite "Полное наименование".
std::optional<std::string> fullName(const dom::Element* product,
                                    const std::optional<core::Nested>& requisites) {
    if (auto element = dom::childText(product, names::kFullName)) {
        return element;
    }
    if (auto requisite_value = requisite(requisites, names::kFullNameRequisite)) {
        return requisite_value;
    }
    return requisite(requisites, names::kFullName);
}

// СтавкиНалогов/СтавкаНалога whose Наименование is НДС: its Ставка ("20", "Без налога").
std::optional<std::string> vatRate(const dom::Element* product) {
    for (const dom::Element* rate :
         dom::children(dom::child(product, names::kTaxRates), names::kTaxRate)) {
        if (dom::childText(rate, names::kName) == names::kVat) {
            return dom::childText(rate, names::kRate);
        }
    }
    return std::nullopt;
}

// Картинка paths; 1C writes an empty <Картинка/> for "no picture", which gives an empty list.
std::optional<core::List> images(const dom::Element* product) {
    const dom::Element* image = dom::child(product, names::kImage);
    if (image == nullptr) {
        return std::nullopt;
    }
    core::List paths;
    for (; image != nullptr; image = dom::nextSibling(image, names::kImage)) {
        if (std::string path = dom::text(image); !path.empty()) {
            paths.push_back(std::move(path));
        }
    }
    return paths;
}

}  // namespace

void readProduct(const dom::Element* product, RecordEmitter& out) {
    std::string id = itemId(product);
    std::optional<std::string> unit = emitBaseUnit(product, out);
    std::optional<core::Nested> product_requisites = requisites(product);

    core::Record record = newRecord("product", id, product, out.file());
    putText(record, "parent", parentProductId(id));
    putText(record, "article", dom::childText(product, names::kArticle));
    putText(record, "barcode", dom::childText(product, names::kBarcode));
    putText(record, "name", dom::childText(product, names::kName));
    putText(record, "full_name", fullName(product, product_requisites));
    putText(record, "description", dom::childText(product, names::kDescription));
    putText(record, "group", dom::childText(dom::child(product, names::kGroups), names::kId));
    putText(record, "unit", unit);
    putText(record, "vat_rate", vatRate(product));
    putList(record, "properties", propertyValues(product));
    if (product_requisites) {
        putValue(record, "requisites", std::move(*product_requisites));
    }
    putList(record, "characteristics", characteristics(product));
    putList(record, "images", images(product));
    putValue(record, "deleted", deletionMark(product));
    out.emit(std::move(record));
}

}  // namespace crmsync::commerceml
