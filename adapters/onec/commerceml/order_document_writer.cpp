#include "adapters/onec/commerceml/order_document_writer.h"

#include <memory>

#include <libxml/xmlwriter.h>

#include "adapters/onec/commerceml/commerceml_names.h"
#include "crmcore/error.h"

namespace crmsync::commerceml {

namespace {

// Fixed words of a site order (protocols.md a.5).
constexpr const char* kOrderOperation = "Заказ товара";
constexpr const char* kSellerRole = "Продавец";
constexpr const char* kBuyerRole = "Покупатель";
constexpr const char* kDefaultCurrency = "руб";

const xmlChar* x(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

std::string column(const core::Row& row, const char* name) {
    const auto* value = core::findColumn(row, name);
    return value != nullptr && value->text ? *value->text : std::string();
}

// 0/1 as 1C writes booleans in requisites.
std::string flag(const core::Row& row, const char* name) {
    return column(row, name) == "1" ? "true" : "false";
}

class Writer {
public:
    Writer() : buffer_(xmlBufferCreate(), xmlBufferFree) {
        writer_ = xmlNewTextWriterMemory(buffer_.get(), 0);
        if (writer_ == nullptr) {
            throw Error("order documents: cannot create the XML writer");
        }
        xmlTextWriterSetIndent(writer_, 1);
    }
    ~Writer() {
        if (writer_ != nullptr) {
            xmlFreeTextWriter(writer_);
        }
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void check(int rc) {
        if (rc < 0) {
            throw Error("order documents: libxml2 failed to write");
        }
    }
    void start(const char* element) { check(xmlTextWriterStartElement(writer_, x(element))); }
    void end() { check(xmlTextWriterEndElement(writer_)); }
    void attribute(const char* name, const std::string& value) {
        check(xmlTextWriterWriteAttribute(writer_, x(name), x(value.c_str())));
    }
    void element(const char* name, const std::string& value) {
        check(xmlTextWriterWriteElement(writer_, x(name), x(value.c_str())));
    }
    void optional(const char* name, const std::string& value) {
        if (!value.empty()) {
            element(name, value);
        }
    }
    void requisite(const std::string& name, const std::string& value) {
        start(names::kRequisite);
        element(names::kName, name);
        element(names::kValue, value);
        end();
    }
    xmlTextWriterPtr raw() { return writer_; }
    std::string finish() {
        check(xmlTextWriterEndDocument(writer_));
        xmlFreeTextWriter(writer_);  // flushes into the buffer
        writer_ = nullptr;
        return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())),
                           static_cast<std::size_t>(xmlBufferLength(buffer_.get())));
    }

private:
    std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buffer_;
    xmlTextWriterPtr writer_ = nullptr;
};

void writeCounterparty(Writer& w, const core::OrderDocumentData& order) {
    const core::Row& c = order.counterparty;
    w.start(names::kCounterparties);
    w.start(names::kCounterparty);
    w.element(names::kId, order.counterparty_key);
    w.element(names::kName, column(c, "name"));
    w.optional(names::kFullName, column(c, "full_name"));
    w.element(names::kRole, kBuyerRole);
    if (column(c, "kind") == "legal") {
        w.optional(names::kOfficialName, column(c, "full_name"));
    }
    w.optional(names::kInn, column(c, "inn"));
    w.optional(names::kKpp, column(c, "kpp"));
    w.optional(names::kLastName, column(c, "last_name"));
    w.optional(names::kFirstName, column(c, "first_name"));
    w.optional(names::kMiddleName, column(c, "middle_name"));
    w.end();
    w.end();
}

void writeLines(Writer& w, const core::OrderDocumentData& order) {
    w.start(names::kProducts);
    for (const auto& line : order.lines) {
        w.start(names::kProduct);
        w.element(names::kId, line.product_key);
        w.element(names::kName, column(line.row, "name"));
        std::string unit = column(line.row, "unit");
        if (!unit.empty()) {
            w.start(names::kBaseUnit);
            w.attribute(names::kCode, unit);
            w.end();
        }
        w.element(names::kPricePerUnit, column(line.row, "price"));
        w.element(names::kQuantity, column(line.row, "quantity"));
        w.element(names::kAmount, column(line.row, "amount"));
        w.end();
    }
    w.end();
}

void writeDocument(Writer& w, const core::OrderDocumentData& order) {
    const core::Row& o = order.order;
    std::string ordered_at = column(o, "ordered_at");
    std::string number = column(o, "number");
    std::string currency = column(o, "currency");
    std::string rate = column(o, "rate");
    w.start(names::kDocument);
    w.element(names::kId, order.onec_key);
    w.element(names::kNumber, number.empty() ? std::to_string(order.order_id) : number);
    w.element(names::kDate, ordered_at.substr(0, 10));
    if (ordered_at.size() >= 19) {
        w.element(names::kTime, ordered_at.substr(11, 8));
    }
    w.element(names::kOperation, kOrderOperation);
    w.element(names::kRole, kSellerRole);
    w.element(names::kCurrency, currency.empty() ? kDefaultCurrency : currency);
    w.element(names::kExchangeRate, rate.empty() ? "1" : rate);
    w.element(names::kAmount, column(o, "amount"));
    if (!order.counterparty_key.empty()) {
        writeCounterparty(w, order);
    }
    w.optional(names::kComment, column(o, "comment"));
    writeLines(w, order);
    w.start(names::kRequisites);
    w.requisite(names::kReqCancelled, flag(o, "cancelled"));
    w.requisite(names::kReqPaid, flag(o, "paid"));
    if (!column(o, "status").empty()) {
        w.requisite(names::kReqStatus, column(o, "status"));
    }
    w.end();
    w.end();
}

}  // namespace

std::string writeOrderDocuments(const std::vector<core::OrderDocumentData>& orders,
                                const OrderDocumentOptions& options) {
    bool containers = options.schema_version.rfind("3.", 0) == 0;
    Writer w;
    w.check(xmlTextWriterStartDocument(w.raw(), "1.0", "windows-1251", nullptr));
    w.start(names::kRoot);
    w.attribute(names::kSchemaVersion, options.schema_version);
    w.attribute("ДатаФормирования", options.generated_at);
    for (const auto& order : orders) {
        if (containers) {
            w.start(names::kContainer);
        }
        writeDocument(w, order);
        if (containers) {
            w.end();
        }
    }
    w.end();
    return w.finish();
}

}  // namespace crmsync::commerceml
