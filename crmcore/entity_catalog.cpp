#include "crmcore/entity_catalog.h"

#include <deque>
#include <mutex>

#include "crmcore/error.h"

namespace crmsync::core {

namespace {

ColumnSpec text(std::string name) { return {std::move(name), ColumnType::Text, {}}; }
ColumnSpec integer(std::string name) { return {std::move(name), ColumnType::Integer, {}}; }
ColumnSpec decimal(std::string name) { return {std::move(name), ColumnType::Decimal, {}}; }
ColumnSpec boolean(std::string name) { return {std::move(name), ColumnType::Boolean, {}}; }
ColumnSpec json(std::string name) { return {std::move(name), ColumnType::Json, {}}; }
ColumnSpec timestamp(std::string name) { return {std::move(name), ColumnType::Timestamp, {}}; }
ColumnSpec ref(std::string name, std::string entity) {
    return {std::move(name), ColumnType::Reference, std::move(entity)};
}

std::vector<EntitySpec> buildCatalog() {
    return {
        {"product_group", "product_group", {ref("parent_id", "product_group"), text("name")}},
        {"unit", "unit", {text("code"), text("name"), text("full_name"), text("intl_abbr")}},
        {"property", "property", {text("name"), text("value_type"), json("options")}},
        {"product",
         "product",
         {ref("parent_id", "product"), ref("group_id", "product_group"), ref("unit_id", "unit"),
          text("article"), text("barcode"), text("name"), text("full_name"), text("description"),
          text("vat_rate"), json("properties"), json("requisites"), json("characteristics"),
          json("images"), boolean("deletion_mark"), json("attributes")}},
        {"price_type", "price_type",
         {text("name"), text("currency"), text("tax_name"), boolean("tax_included")}},
        {"warehouse", "warehouse", {text("name")}},
        {"price",
         "price",
         {ref("product_id", "product"), ref("price_type_id", "price_type"), decimal("value"),
          text("currency"), text("unit"), decimal("factor")}},
        {"stock",
         "stock",
         {ref("product_id", "product"), ref("warehouse_id", "warehouse"), decimal("quantity")}},
        {"counterparty",
         "counterparty",
         {text("name"), text("full_name"), text("kind"), text("inn"), text("kpp"),
          text("last_name"), text("first_name"), text("middle_name"), text("address"),
          json("addresses"), json("attributes")}},
        {"contact", "contact",
         {ref("counterparty_id", "counterparty"), text("kind"), text("value"), text("name")}},
        {"order",
         "sales_order",
         {text("number"), timestamp("ordered_at"), text("operation"), text("currency"),
          decimal("rate"), decimal("amount"), text("comment"), ref("counterparty_id", "counterparty"),
          text("onec_number"), timestamp("onec_date"), boolean("posted"), boolean("paid"),
          boolean("shipped"), boolean("cancelled"), boolean("deletion_mark"), text("status"),
          text("payment_number"), timestamp("payment_date"), text("shipment_number"),
          timestamp("shipment_date"), json("requisites"), json("attributes")}},
        {"order_line",
         "order_line",
         {ref("order_id", "order"), integer("line_no"), ref("product_id", "product"),
          text("product_key"), text("name"), text("unit"), decimal("price"), decimal("quantity"),
          decimal("amount"), json("requisites")}},
    };
}

}  // namespace

const ColumnSpec* EntitySpec::column(std::string_view column_name) const {
    for (const auto& c : columns) {
        if (c.name == column_name) {
            return &c;
        }
    }
    return nullptr;
}

const std::vector<EntitySpec>& entityCatalog() {
    static const std::vector<EntitySpec> catalog = buildCatalog();
    return catalog;
}

const EntitySpec& extendedEntitySpec(const EntitySpec& base, const std::vector<ColumnSpec>& extra) {
    if (extra.empty()) {
        return base;
    }
    EntitySpec wanted = base;
    for (const auto& column : extra) {
        if (wanted.column(column.name) != nullptr) {
            throw Error("entity " + base.name + ": column '" + column.name + "' given twice");
        }
        wanted.columns.push_back(column);
    }
    if (wanted.columns.size() > kMaxEntityColumns) {
        throw Error("entity " + base.name + ": " + std::to_string(wanted.columns.size()) +
                    " columns, crmsync handles at most " + std::to_string(kMaxEntityColumns));
    }
    // A deque never moves what it holds, so handed-out references stay valid. Layouts are few
    // (one per admin edit of a mapping), so a linear search is enough.
    static std::mutex mutex;
    static std::deque<EntitySpec> interned;
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& spec : interned) {
        if (spec.name == wanted.name && spec.table == wanted.table &&
            spec.columns == wanted.columns) {
            return spec;
        }
    }
    return interned.emplace_back(std::move(wanted));
}

const EntitySpec* findEntitySpecByTable(std::string_view table) {
    for (const auto& spec : entityCatalog()) {
        if (spec.table == table) {
            return &spec;
        }
    }
    return nullptr;
}

const EntitySpec* findEntitySpec(std::string_view name) {
    for (const auto& spec : entityCatalog()) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

const EntitySpec& entitySpec(std::string_view name) {
    if (const auto* spec = findEntitySpec(name)) {
        return *spec;
    }
    std::string valid;
    for (const auto& spec : entityCatalog()) {
        valid += (valid.empty() ? "" : ", ") + spec.name;
    }
    throw Error("unknown entity '" + std::string(name) + "' (valid: " + valid + ")");
}

const ColumnValue* findColumn(const Row& row, std::string_view column) {
    for (const auto& cv : row) {
        if (cv.column == column) {
            return &cv;
        }
    }
    return nullptr;
}

std::vector<std::string> entityNames() {
    std::vector<std::string> names;
    for (const auto& spec : entityCatalog()) {
        names.push_back(spec.name);
    }
    return names;
}

}  // namespace crmsync::core
