// ПакетПредложений items: variant products, prices, stock.
#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_fields.h"
#include "adapters/onec/commerceml/item_readers.h"
#include "adapters/onec/commerceml/product_fields.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

namespace {

// A characteristic of a product ("productGuid#characteristicGuid") exists only in offers, so
// the offer is its product record; the catalog owns the base product.
void emitVariant(const dom::Element* offer, const std::string& id, const std::string& parent,
                 const std::optional<std::string>& unit, RecordEmitter& out) {
    core::Record record = newRecord("product", id, offer, out.file());
    putText(record, "parent", parent);
    putText(record, "article", dom::childText(offer, names::kArticle));
    putText(record, "barcode", dom::childText(offer, names::kBarcode));
    putText(record, "name", dom::childText(offer, names::kName));
    putText(record, "unit", unit);
    putList(record, "properties", propertyValues(offer));
    putList(record, "characteristics", characteristics(offer));
    putValue(record, "deleted", deletionMark(offer));
    out.emit(std::move(record));
}

void emitPrices(const dom::Element* offer, const std::string& id,
                const std::optional<std::string>& unit, const std::string& version,
                RecordEmitter& out) {
    for (const dom::Element* price :
         dom::children(dom::child(offer, names::kPrices), names::kPrice)) {
        std::string price_type = dom::childText(price, names::kPriceTypeId).value_or("");
        core::Record record = newRecord("price", id + "|" + price_type, price, out.file());
        record.source_version = version;
        putText(record, "product", id);
        putText(record, "price_type", price_type);
        putDecimal(record, "value", dom::childText(price, names::kPricePerUnit));
        putText(record, "currency", dom::childText(price, names::kCurrency));
        auto price_unit = dom::childText(price, names::kUnit);
        putText(record, "unit", price_unit ? price_unit : unit);
        putDecimal(record, "factor", dom::childText(price, names::kFactor));
        putText(record, "presentation", dom::childText(price, names::kPresentation));
        out.emit(std::move(record));
    }
}

// One stock row: key "offer|warehouse", or "offer|" for the total over all warehouses.
void emitStockRow(const dom::Element* element, const std::string& id,
                  const std::optional<std::string>& warehouse,
                  const std::optional<std::string>& quantity, const std::string& version,
                  RecordEmitter& out) {
    core::Record record =
        newRecord("stock", id + "|" + warehouse.value_or(""), element, out.file());
    record.source_version = version;
    putText(record, "product", id);
    putText(record, "warehouse", warehouse);
    putDecimal(record, "quantity", quantity);
    out.emit(std::move(record));
}

// Stock comes in three shapes: the offer's own Количество (total), 2.0x
// <Склад ИдСклада=".." КоличествоНаСкладе=".."/> per warehouse, and the Остатки/Остаток of
// 2.09+/3.x rests files with Склад{Ид, Количество} or a bare Количество.
void emitStock(const dom::Element* offer, const std::string& id, const std::string& version,
               RecordEmitter& out) {
    if (const dom::Element* total = dom::child(offer, names::kQuantity)) {
        emitStockRow(total, id, std::nullopt, dom::text(total), version, out);
    }
    for (const dom::Element* warehouse : dom::children(offer, names::kWarehouse)) {
        emitStockRow(warehouse, id, dom::attribute(warehouse, names::kWarehouseIdAttr),
                     dom::attribute(warehouse, names::kWarehouseQuantityAttr), version, out);
    }
    for (const dom::Element* rest : dom::children(dom::child(offer, names::kRests), names::kRest)) {
        const dom::Element* warehouse = dom::child(rest, names::kWarehouse);
        if (warehouse == nullptr) {
            emitStockRow(rest, id, std::nullopt, dom::childText(rest, names::kQuantity), version,
                         out);
        }
        for (; warehouse != nullptr; warehouse = dom::nextSibling(warehouse, names::kWarehouse)) {
            emitStockRow(warehouse, id, dom::childText(warehouse, names::kId),
                         dom::childText(warehouse, names::kQuantity), version, out);
        }
    }
}

}  // namespace

void readOffer(const dom::Element* offer, RecordEmitter& out) {
    std::string id = itemId(offer);
    std::string version = dom::childText(offer, names::kVersion).value_or("");
    std::optional<std::string> unit = emitBaseUnit(offer, out);
    // prices.xml / rests.xml repeat a variant's id without its name: no product record then.
    auto parent = parentProductId(id);
    if (parent && dom::child(offer, names::kName) != nullptr) {
        emitVariant(offer, id, *parent, unit, out);
    }
    emitPrices(offer, id, unit, version, out);
    emitStock(offer, id, version, out);
}

}  // namespace crmsync::commerceml
