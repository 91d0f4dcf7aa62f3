#include "mapping/commerceml_paths.h"

#include <algorithm>
#include <array>

namespace crmsync::mapping {

const std::vector<CommerceMlEntityFields>& commerceMlReaderFields() {
    static const std::vector<CommerceMlEntityFields> table = {
        {"product_group", {"name", "parent"}},
        {"unit", {"code", "name", "full_name", "intl_abbr"}},
        {"property", {"name", "value_type", "options"}},
        {"product",
         {"name", "parent", "article", "barcode", "full_name", "description", "group", "unit",
          "vat_rate", "properties", "requisites", "characteristics", "images", "deleted"}},
        {"price_type", {"name", "currency", "tax_name", "tax_included"}},
        {"warehouse", {"name"}},
        {"price",
         {"product", "price_type", "value", "currency", "unit", "factor", "presentation"}},
        {"stock", {"product", "warehouse", "quantity"}},
        {"counterparty",
         {"name", "full_name", "kind", "inn", "kpp", "last_name", "first_name", "middle_name",
          "address", "addresses"}},
        {"contact", {"counterparty", "kind", "value", "name"}},
        {"order",
         {"number", "date", "operation", "role", "currency", "rate", "amount", "comment",
          "counterparty", "onec_number", "onec_date", "posted", "paid", "shipped", "cancelled",
          "deleted", "status", "payment_number", "payment_date", "shipment_number",
          "shipment_date", "requisites"}},
        {"order_line",
         {"order", "line_no", "product", "name", "unit", "price", "quantity", "amount",
          "requisites"}},
    };
    return table;
}

namespace {

// CommerceML element -> record field. An entry with an entity applies to that entity only and
// wins over a general one (ЦенаЗаЕдиницу is a price's value but an order line's price).
struct ElementName {
    std::string_view entity;  // "" = every entity
    std::string_view element;
    std::string_view field;
};

constexpr std::array kElementNames = {
    ElementName{"price", "ЦенаЗаЕдиницу", "value"},
    ElementName{"order_line", "ЦенаЗаЕдиницу", "price"},
    ElementName{"", "Наименование", "name"},
    ElementName{"", "ПолноеНаименование", "full_name"},
    ElementName{"", "Артикул", "article"},
    ElementName{"", "Штрихкод", "barcode"},
    ElementName{"", "Описание", "description"},
    ElementName{"", "Группы", "group"},
    ElementName{"", "БазоваяЕдиница", "unit"},
    ElementName{"", "Картинка", "images"},
    ElementName{"", "ПометкаУдаления", "deleted"},
    ElementName{"", "ЗначенияСвойств", "properties"},
    ElementName{"", "ЗначенияРеквизитов", "requisites"},
    ElementName{"", "ХарактеристикиТовара", "characteristics"},
    ElementName{"", "Код", "code"},
    ElementName{"", "ИдТипаЦены", "price_type"},
    ElementName{"", "Валюта", "currency"},
    ElementName{"", "Единица", "unit"},
    ElementName{"", "Коэффициент", "factor"},
    ElementName{"", "Представление", "presentation"},
    ElementName{"", "Количество", "quantity"},
    ElementName{"", "Сумма", "amount"},
    ElementName{"", "Номер", "number"},
    ElementName{"", "Дата", "date"},
    ElementName{"", "ХозОперация", "operation"},
    ElementName{"", "Роль", "role"},
    ElementName{"", "Курс", "rate"},
    ElementName{"", "Комментарий", "comment"},
    ElementName{"", "ИНН", "inn"},
    ElementName{"", "КПП", "kpp"},
    ElementName{"", "Фамилия", "last_name"},
    ElementName{"", "Имя", "first_name"},
    ElementName{"", "Отчество", "middle_name"},
    ElementName{"", "Значение", "value"},
};

// Repeated CommerceML groups whose items are addressed by a key element:
//   Collection/Item[Key='x']/Значение.
struct Collection {
    std::string_view collection;
    std::string_view item;
    std::string_view key_element;
    std::string_view field;
    bool nested_by_name;       // record holds {name: value}: the path becomes field/x
    std::string_view key_field;  // otherwise a list of {key_field, value} elements
};

constexpr std::array kCollections = {
    Collection{"ЗначенияРеквизитов", "ЗначениеРеквизита", "Наименование", "requisites", true, ""},
    Collection{"ЗначенияСвойств", "ЗначенияСвойства", "Ид", "properties", false, "id"},
    Collection{"ХарактеристикиТовара", "ХарактеристикаТовара", "Наименование", "characteristics",
               false, "name"},
};

std::string_view fieldOfElement(std::string_view entity, std::string_view element) {
    std::string_view general;
    for (const auto& entry : kElementNames) {
        if (entry.element != element) {
            continue;
        }
        if (entry.entity == entity) {
            return entry.field;
        }
        if (entry.entity.empty() && general.empty()) {
            general = entry.field;
        }
    }
    return general;
}

const std::vector<std::string_view>* fieldsOf(std::string_view entity) {
    for (const auto& e : commerceMlReaderFields()) {
        if (e.entity == entity) {
            return &e.fields;
        }
    }
    return nullptr;
}

std::string fieldList(const std::vector<std::string_view>& fields) {
    std::string out;
    for (auto f : fields) {
        out += (out.empty() ? "" : ", ") + std::string(f);
    }
    return out;
}

}  // namespace

std::variant<std::vector<PathSegment>, std::string> commerceMlRecordPath(
    std::string_view entity, const std::vector<PathSegment>& segments) {
    std::vector<PathSegment> path = segments;
    for (const auto& c : kCollections) {
        if (path.front().name != c.collection || path.size() == 1) {
            continue;
        }
        const PathSegment& item = path[1];
        if (path.size() != 3 || item.name != c.item || !item.where ||
            item.where->first != c.key_element || path[2].name != "Значение") {
            return "a CommerceML path into " + std::string(c.collection) + " reads " +
                   std::string(c.collection) + "/" + std::string(c.item) + "[" +
                   std::string(c.key_element) + "='…']/Значение";
        }
        if (c.nested_by_name) {
            path = {PathSegment{std::string(c.field), std::nullopt},
                    PathSegment{item.where->second, std::nullopt}};
        } else {
            path = {PathSegment{std::string(c.field),
                                std::make_pair(std::string(c.key_field), item.where->second)},
                    PathSegment{"value", std::nullopt}};
        }
        break;
    }
    if (auto field = fieldOfElement(entity, path.front().name); !field.empty()) {
        path.front().name = std::string(field);
    }
    const auto* known = fieldsOf(entity);
    if (known != nullptr &&
        std::find(known->begin(), known->end(), path.front().name) == known->end()) {
        return "the CommerceML reader gives " + std::string(entity) + " no field '" +
               path.front().name + "' (it gives: " + fieldList(*known) + ")";
    }
    return path;
}

}  // namespace crmsync::mapping
