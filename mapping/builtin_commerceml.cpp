#include "mapping/entity_mapping.h"

namespace crmsync::mapping {

namespace {

FieldRule optional(std::string source, std::string column) {
    return {std::move(source), std::move(column), false};
}
FieldRule required(std::string source, std::string column) {
    return {std::move(source), std::move(column), true};
}
// Same name on both sides.
FieldRule same(std::string name) { return {name, name, false}; }

Mapping build() {
    return Mapping{
        "builtin-commerceml-1",
        {
            {"product_group", {required("name", "name"), optional("parent", "parent_id")}},
            {"unit", {same("code"), same("name"), same("full_name"), same("intl_abbr")}},
            {"property", {same("name"), same("value_type"), same("options")}},
            {"product",
             {optional("parent", "parent_id"), optional("group", "group_id"),
              optional("unit", "unit_id"), same("article"), same("barcode"), same("name"),
              same("full_name"), same("description"), same("vat_rate"), same("properties"),
              same("requisites"), same("characteristics"), same("images"),
              optional("deleted", "deletion_mark")}},
            {"price_type", {same("name"), same("currency"), same("tax_name"), same("tax_included")}},
            {"warehouse", {same("name")}},
            {"price",
             {required("product", "product_id"), required("price_type", "price_type_id"),
              required("value", "value"), same("currency"), same("unit"), same("factor")}},
            {"stock",
             {required("product", "product_id"), optional("warehouse", "warehouse_id"),
              required("quantity", "quantity")}},
            {"counterparty",
             {same("name"), same("full_name"), same("kind"), same("inn"), same("kpp"),
              same("last_name"), same("first_name"), same("middle_name"), same("address"),
              same("addresses")}},
            {"contact",
             {required("counterparty", "counterparty_id"), same("kind"), same("value"),
              same("name")}},
            {"order",
             {same("number"), optional("date", "ordered_at"), same("operation"), same("currency"),
              same("rate"), same("amount"), same("comment"),
              optional("counterparty", "counterparty_id"), same("onec_number"), same("onec_date"),
              same("posted"), same("paid"), same("shipped"), same("cancelled"),
              optional("deleted", "deletion_mark"), same("status"), same("payment_number"),
              same("payment_date"), same("shipment_number"), same("shipment_date"),
              same("requisites")}},
            {"order_line",
             {required("order", "order_id"), same("line_no"), optional("product", "product_id"),
              optional("product", "product_key"), same("name"), same("unit"), same("price"),
              same("quantity"), same("amount"), same("requisites")}},
        }};
}

}  // namespace

const EntityMapping* Mapping::find(std::string_view entity) const {
    for (const auto& e : entities) {
        if (e.entity == entity) {
            return &e;
        }
    }
    return nullptr;
}

const Mapping& builtinCommerceMlMapping() {
    static const Mapping mapping = build();
    return mapping;
}

}  // namespace crmsync::mapping
