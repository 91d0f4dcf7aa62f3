#pragma once
// A small 1C:УТ 11 infobase for the OData emulator, with the object and property names of the
// standard interface (protocols.md, section c) that config/mappings/odata-ut11.xml reads:
// nomenclature with folders, units, price types, the price register, counterparties and
// customer orders with their Товары. Keys are deterministic so tests can name objects.
#include <cstddef>
#include <string>

#include "tests/emulator/odata_store.h"

namespace crmsync::emulator {

struct Ut11Size {
    std::size_t groups = 3;
    std::size_t units = 2;
    std::size_t items = 10;
    std::size_t price_types = 2;   // every item gets a price of every type
    std::size_t counterparties = 3;
    std::size_t orders = 2;        // two lines each
};

namespace ut11 {
inline const std::string kItems = "Catalog_Номенклатура";
inline const std::string kUnits = "Catalog_УпаковкиЕдиницыИзмерения";
inline const std::string kPriceTypes = "Catalog_ВидыЦен";
inline const std::string kPrices = "InformationRegister_ЦеныНоменклатуры";
inline const std::string kCounterparties = "Catalog_Контрагенты";
inline const std::string kOrders = "Document_ЗаказКлиента";

// The Ref_Key of the n-th (from 0) object of a kind: "group", "unit", "item", "price-type",
// "counterparty", "order".
std::string refKey(const std::string& kind, std::size_t n);
}  // namespace ut11

// Declares every set of the infobase (also those left empty, so a push can create in them).
void declareUt11(OdataStore& store);

// Declares and fills the infobase. Item n belongs to group n % groups, prices are
// 100 + n + type/100 with two decimals, order n belongs to counterparty n % counterparties.
void seedUt11(OdataStore& store, const Ut11Size& size);

}  // namespace crmsync::emulator
