#include "tests/emulator/ut11_infobase.h"

#include <cstdint>
#include <cstdio>
#include <map>

#include <Poco/JSON/Array.h>

namespace crmsync::emulator {

namespace ut11 {

std::string refKey(const std::string& kind, std::size_t n) {
    static const std::map<std::string, unsigned> kinds = {
        {"group", 1}, {"unit", 2}, {"item", 3}, {"price-type", 4}, {"counterparty", 5}, {"order", 6}};
    char text[40];
    std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012zx", kinds.at(kind), n);
    return text;
}

}  // namespace ut11

namespace {

const std::string kEmptyRef = "00000000-0000-0000-0000-000000000000";

std::string code(std::size_t n) {
    char text[16];
    std::snprintf(text, sizeof text, "%09zu", n + 1);  // 1C pads codes with zeros
    return text;
}

// In kopecks, so sums stay exact before they become the JSON numbers 1C would send.
std::int64_t priceCents(std::size_t item, std::size_t type) {
    return static_cast<std::int64_t>((100 + item) * 100 + type);
}

double money(std::int64_t cents) { return static_cast<double>(cents) / 100.0; }

}  // namespace

void declareUt11(OdataStore& store) {
    for (const auto* set : {&ut11::kItems, &ut11::kUnits, &ut11::kPriceTypes,
                            &ut11::kCounterparties, &ut11::kOrders}) {
        store.declare(*set);
    }
    store.declareRegister(ut11::kPrices, {"Номенклатура_Key", "Характеристика_Key", "ВидЦены_Key"});
}

void seedUt11(OdataStore& store, const Ut11Size& size) {
    declareUt11(store);
    for (std::size_t n = 0; n < size.units; ++n) {
        Poco::JSON::Object unit;
        unit.set("Ref_Key", ut11::refKey("unit", n));
        unit.set("Code", code(n));
        unit.set("Description", n == 0 ? "шт" : "упак " + std::to_string(n));
        store.insert(ut11::kUnits, unit);
    }
    for (std::size_t n = 0; n < size.groups; ++n) {
        Poco::JSON::Object group;
        group.set("Ref_Key", ut11::refKey("group", n));
        group.set("IsFolder", true);
        group.set("Code", code(n));
        group.set("Description", "Группа " + std::to_string(n + 1));
        // Every group sits in the last one, whose key sorts after theirs: a reader must not
        // assume that 1C lists parents first.
        std::size_t top = size.groups - 1;
        group.set("Parent_Key", n == top ? kEmptyRef : ut11::refKey("group", top));
        store.insert(ut11::kItems, group);
    }
    for (std::size_t n = 0; n < size.items; ++n) {
        Poco::JSON::Object item;
        item.set("Ref_Key", ut11::refKey("item", n));
        item.set("IsFolder", false);
        item.set("Code", code(size.groups + n));
        item.set("Description", "Товар " + std::to_string(n + 1));
        item.set("Артикул", "ART-" + std::to_string(n + 1));
        item.set("Описание", "Описание товара " + std::to_string(n + 1));
        item.set("Parent_Key", size.groups > 0 ? ut11::refKey("group", n % size.groups) : kEmptyRef);
        item.set("ЕдиницаИзмерения_Key", size.units > 0 ? ut11::refKey("unit", 0) : kEmptyRef);
        store.insert(ut11::kItems, item);
    }
    for (std::size_t n = 0; n < size.price_types; ++n) {
        Poco::JSON::Object type;
        type.set("Ref_Key", ut11::refKey("price-type", n));
        type.set("Description", n == 0 ? "Розничная" : "Оптовая " + std::to_string(n));
        store.insert(ut11::kPriceTypes, type);
    }
    for (std::size_t item = 0; item < size.items; ++item) {
        for (std::size_t type = 0; type < size.price_types; ++type) {
            Poco::JSON::Object record;
            record.set("Period", "2026-01-01T00:00:00");
            record.set("Номенклатура_Key", ut11::refKey("item", item));
            record.set("Характеристика_Key", kEmptyRef);
            record.set("ВидЦены_Key", ut11::refKey("price-type", type));
            record.set("Цена", money(priceCents(item, type)));
            store.addRecord(ut11::kPrices, record);
        }
    }
    for (std::size_t n = 0; n < size.counterparties; ++n) {
        Poco::JSON::Object counterparty;
        counterparty.set("Ref_Key", ut11::refKey("counterparty", n));
        counterparty.set("Code", code(n));
        counterparty.set("Description", "Контрагент " + std::to_string(n + 1));
        counterparty.set("НаименованиеПолное", "ООО \"Контрагент " + std::to_string(n + 1) + "\"");
        counterparty.set("ЮрФизЛицо", n % 2 == 0 ? "ЮрЛицо" : "ФизЛицо");
        counterparty.set("ИНН", std::to_string(7700000000ULL + n));
        counterparty.set("КПП", n % 2 == 0 ? "770001001" : "");
        counterparty.set("Комментарий", "");
        store.insert(ut11::kCounterparties, counterparty);
    }
    for (std::size_t n = 0; n < size.orders; ++n) {
        Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
        std::int64_t total = 0;
        for (std::size_t line = 0; line < 2 && size.items > 0; ++line) {
            std::size_t item = (n + line) % size.items;
            std::int64_t each = priceCents(item, 0);
            auto quantity = static_cast<std::int64_t>(line + 1);
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("Ref_Key", ut11::refKey("order", n));
            row->set("LineNumber", std::to_string(line + 1));
            row->set("Номенклатура_Key", ut11::refKey("item", item));
            row->set("Количество", quantity);
            row->set("Цена", money(each));
            row->set("Сумма", money(each * quantity));
            total += each * quantity;
            lines->add(row);
        }
        Poco::JSON::Object order;
        order.set("Ref_Key", ut11::refKey("order", n));
        order.set("Number", "УТ-" + code(n));
        order.set("Date", "2026-03-0" + std::to_string(1 + n % 9) + "T10:00:00");
        order.set("Posted", true);
        order.set("Контрагент_Key",
                  size.counterparties > 0 ? ut11::refKey("counterparty", n % size.counterparties)
                                          : kEmptyRef);
        order.set("СуммаДокумента", money(total));
        order.set("Статус", "КВыполнению");
        order.set("Комментарий", "");
        order.set("Товары", lines);
        store.insert(ut11::kOrders, order);
    }
}

}  // namespace crmsync::emulator
