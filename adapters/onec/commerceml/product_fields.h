#pragma once
// What a catalog Товар and an offer Предложение (a product variant) write the same way.
#include <optional>
#include <string>

#include "adapters/onec/commerceml/xml_element.h"

#include "adapters/onec/commerceml/record_emitter.h"
#include "crmcore/record.h"

namespace crmsync::commerceml {

// The item's БазоваяЕдиница as a unit record, emitted once per file; returns the unit key
// products and prices refer to (the trimmed Код attribute, or the element's text when 1C wrote
// no Код, e.g. <БазоваяЕдиница>шт</БазоваяЕдиница>). nullopt when the item names no unit.
std::optional<std::string> emitBaseUnit(const dom::Element* item, RecordEmitter& out);

// The product id before '#' of a characteristic id "productGuid#characteristicGuid".
std::optional<std::string> parentProductId(const std::string& id);

// ЗначенияСвойств as [{id, value}], one entry per Значение (multi-valued properties repeat the
// element); nullopt when absent.
std::optional<core::List> propertyValues(const dom::Element* item);

// ХарактеристикиТовара as [{name, value}]; nullopt when absent.
std::optional<core::List> characteristics(const dom::Element* item);

// "true" when 1C marks the item deleted: ПометкаУдаления = true (3.x) or Статус = "Удален"
// (2.0x), either as attribute or child element; "false" otherwise.
std::string deletionMark(const dom::Element* item);

}  // namespace crmsync::commerceml
