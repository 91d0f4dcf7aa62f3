// Документ items: counterparties, contacts, orders, order lines.
#include <cstdint>

#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_fields.h"
#include "adapters/onec/commerceml/item_readers.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

namespace {

struct AddressKind {
    const char* element;
    const char* kind;
};
// In the order a single "address" is chosen: a person's registration, a company's legal one.
constexpr AddressKind kAddressKinds[] = {{names::kRegistrationAddress, "registration"},
                                         {names::kLegalAddress, "legal"},
                                         {names::kAddress, "other"}};

// Every address as {kind, presentation, fields: {Тип: Значение}} (АдресноеПоле parts).
std::optional<core::List> addresses(const dom::Element* counterparty) {
    core::List list;
    for (const auto& [element, kind] : kAddressKinds) {
        const dom::Element* address = dom::child(counterparty, element);
        if (address == nullptr) {
            continue;
        }
        core::Nested parts;
        for (const dom::Element* part : dom::children(address, names::kAddressField)) {
            parts.push_back({dom::childText(part, names::kType).value_or(""),
                             dom::childText(part, names::kValue).value_or("")});
        }
        list.push_back(core::Nested{
            {"kind", kind},
            {"presentation", dom::childText(address, names::kPresentation).value_or("")},
            {"fields", std::move(parts)}});
    }
    if (list.empty()) {
        return std::nullopt;
    }
    return list;
}

std::optional<std::string> mainAddress(const dom::Element* counterparty) {
    for (const auto& [element, kind] : kAddressKinds) {
        if (const dom::Element* address = dom::child(counterparty, element)) {
            return dom::childText(address, names::kPresentation);
        }
    }
    return std::nullopt;
}

// A company has an official name or a 10-digit ИНН (a person's has 12).
std::string counterpartyKind(const dom::Element* counterparty,
                             const std::optional<std::string>& inn) {
    bool company_inn =
        inn && inn->size() == 10 && inn->find_first_not_of("0123456789") == std::string::npos;
    bool official_name = dom::child(counterparty, names::kOfficialName) != nullptr;
    return company_inn || official_name ? "legal" : "person";
}

void emitContacts(const dom::Element* counterparty, const std::string& counterparty_id,
                  const std::string& version, RecordEmitter& out) {
    for (const dom::Element* contact :
         dom::children(dom::child(counterparty, names::kContacts), names::kContact)) {
        std::string type = dom::childText(contact, names::kType).value_or("");
        std::string value = dom::childText(contact, names::kValue).value_or("");
        core::Record record =
            newRecord("contact", counterparty_id + "|" + type + "|" + value, contact, out.file());
        record.source_version = version;
        putText(record, "counterparty", counterparty_id);
        putText(record, "kind", type);
        putText(record, "value", value);
        putText(record, "name", type);
        out.emit(std::move(record));
    }
}

// Emits the counterparty, then its contacts; returns its key.
std::string emitCounterparty(const dom::Element* counterparty, RecordEmitter& out) {
    std::string id = itemId(counterparty);
    auto inn = dom::childText(counterparty, names::kInn);
    auto full_name = dom::childText(counterparty, names::kFullName);
    core::Record record = newRecord("counterparty", id, counterparty, out.file());
    putText(record, "name", dom::childText(counterparty, names::kName));
    putText(record, "full_name",
            full_name ? full_name : dom::childText(counterparty, names::kOfficialName));
    putText(record, "kind", counterpartyKind(counterparty, inn));
    putText(record, "inn", inn);
    putText(record, "kpp", dom::childText(counterparty, names::kKpp));
    putText(record, "last_name", dom::childText(counterparty, names::kLastName));
    putText(record, "first_name", dom::childText(counterparty, names::kFirstName));
    putText(record, "middle_name", dom::childText(counterparty, names::kMiddleName));
    putText(record, "address", mainAddress(counterparty));
    putList(record, "addresses", addresses(counterparty));
    std::string version = record.source_version;
    out.emit(std::move(record));
    emitContacts(counterparty, id, version, out);
    return id;
}

std::optional<std::string> either(std::optional<std::string> first,
                                  std::optional<std::string> second) {
    return first ? first : second;
}

// Дата "2007-10-30" and Время "15:19:27" as one timestamp.
std::optional<std::string> orderDate(const dom::Element* document) {
    auto date = dom::childText(document, names::kDate);
    auto time = dom::childText(document, names::kTime);
    if (date && time && !time->empty()) {
        return *date + "T" + *time;
    }
    return date;
}

// The document's own fields, then the requisites that have a column of their own (1C→site
// ones as 1C writes them; 3.x also has Номер1С/Дата1С/ПометкаУдаления as elements), then all
// requisites as they are.
void emitOrder(const dom::Element* document, const std::string& id,
               const std::optional<std::string>& counterparty, RecordEmitter& out) {
    auto reqs = requisites(document);
    core::Record record = newRecord("order", id, document, out.file());
    putText(record, "number", dom::childText(document, names::kNumber));
    putDateTime(record, "date", orderDate(document));
    putText(record, "operation", dom::childText(document, names::kOperation));
    putText(record, "role", dom::childText(document, names::kRole));
    putText(record, "currency", dom::childText(document, names::kCurrency));
    putDecimal(record, "rate", dom::childText(document, names::kExchangeRate));
    putDecimal(record, "amount", dom::childText(document, names::kAmount));
    putText(record, "comment", dom::childText(document, names::kComment));
    putText(record, "counterparty", counterparty);
    putText(
        record, "onec_number",
        either(requisite(reqs, names::kReqOneCNumber), dom::childText(document, names::kNumber1C)));
    putDateTime(
        record, "onec_date",
        either(requisite(reqs, names::kReqOneCDate), dom::childText(document, names::kDate1C)));
    putBoolean(record, "posted", requisite(reqs, names::kReqPosted));
    putBoolean(record, "paid",
               either(requisite(reqs, names::kReqPaid), requisite(reqs, names::kReqPaidShort)));
    putBoolean(record, "shipped", requisite(reqs, names::kReqShipped));
    putBoolean(record, "cancelled", requisite(reqs, names::kReqCancelled));
    putBoolean(record, "deleted",
               either(requisite(reqs, names::kReqDeletionMark),
                      dom::childText(document, names::kDeletionMark)));
    putText(record, "status", requisite(reqs, names::kReqStatus));
    putText(record, "payment_number", requisite(reqs, names::kReqPaymentNumber));
    putDateTime(record, "payment_date", requisite(reqs, names::kReqPaymentDate));
    putText(record, "shipment_number", requisite(reqs, names::kReqShipmentNumber));
    putDateTime(record, "shipment_date", requisite(reqs, names::kReqShipmentDate));
    if (reqs) {
        putValue(record, "requisites", std::move(*reqs));
    }
    out.emit(std::move(record));
}

// The line's unit by the same key products use: 2.x БазоваяЕдиница Код (or its text), 3.x
// Единица{Код, Ид, НаименованиеКраткое}.
std::optional<std::string> lineUnit(const dom::Element* line) {
    if (const dom::Element* base = dom::child(line, names::kBaseUnit)) {
        auto code = dom::attribute(base, names::kCode);
        return code && !code->empty() ? code : dom::text(base);
    }
    const dom::Element* unit = dom::child(line, names::kUnit);
    if (unit == nullptr) {
        return std::nullopt;
    }
    return either(either(dom::childText(unit, names::kCode), dom::childText(unit, names::kId)),
                  dom::childText(unit, names::kShortName));
}

void emitOrderLine(const dom::Element* line, const std::string& order_id, std::int64_t line_no,
                   const std::string& version, RecordEmitter& out) {
    core::Record record =
        newRecord("order_line", order_id + "|" + std::to_string(line_no), line, out.file());
    record.source_version = version;
    putText(record, "order", order_id);
    putValue(record, "line_no", line_no);
    putText(record, "product", itemId(line));
    putText(record, "name", dom::childText(line, names::kName));
    putText(record, "unit", lineUnit(line));
    // 2.x ЦенаЗаЕдиницу, 3.x Цена.
    putDecimal(
        record, "price",
        either(dom::childText(line, names::kPricePerUnit), dom::childText(line, names::kPrice)));
    putDecimal(record, "quantity", dom::childText(line, names::kQuantity));
    putDecimal(record, "amount", dom::childText(line, names::kAmount));
    if (auto reqs = requisites(line)) {
        putValue(record, "requisites", std::move(*reqs));
    }
    out.emit(std::move(record));
}

}  // namespace

void readDocument(const dom::Element* document, RecordEmitter& out) {
    std::string id = itemId(document);
    std::optional<std::string> first_counterparty;
    for (const dom::Element* counterparty :
         dom::children(dom::child(document, names::kCounterparties), names::kCounterparty)) {
        std::string counterparty_id = emitCounterparty(counterparty, out);
        if (!first_counterparty) {
            first_counterparty = counterparty_id;
        }
    }
    emitOrder(document, id, first_counterparty, out);
    std::string version = dom::childText(document, names::kVersion).value_or("");
    std::int64_t line_no = 0;
    for (const dom::Element* line :
         dom::children(dom::child(document, names::kProducts), names::kProduct)) {
        emitOrderLine(line, id, ++line_no, version, out);
    }
}

}  // namespace crmsync::commerceml
