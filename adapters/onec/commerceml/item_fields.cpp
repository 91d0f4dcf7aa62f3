#include "adapters/onec/commerceml/item_fields.h"

#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/text_values.h"
#include "adapters/onec/commerceml/xml_node.h"

namespace crmsync::commerceml {

core::Record newRecord(const char* entity, std::string key, const dom::Element* element,
                       const std::string& file) {
    core::Record record;
    record.entity = entity;
    record.key = std::move(key);
    record.fields.reserve(16);
    record.source_version = dom::childText(element, names::kVersion).value_or("");
    record.origin = {file, dom::line(element)};
    return record;
}

void putValue(core::Record& record, const char* field, core::Value value) {
    record.fields.push_back({field, std::move(value)});
}

void putText(core::Record& record, const char* field, std::optional<std::string> value) {
    if (value) {
        putValue(record, field, std::move(*value));
    }
}

void putList(core::Record& record, const char* field, std::optional<core::List> list) {
    if (list) {
        putValue(record, field, std::move(*list));
    }
}

void putDecimal(core::Record& record, const char* field, const std::optional<std::string>& value) {
    if (value) {
        putValue(record, field, normalizeDecimal(*value));
    }
}

void putDateTime(core::Record& record, const char* field, const std::optional<std::string>& value) {
    if (value) {
        putText(record, field, normalizeDateTime(*value));
    }
}

void putBoolean(core::Record& record, const char* field, const std::optional<std::string>& value) {
    if (value) {
        putText(record, field, normalizeBoolean(*value));
    }
}

std::string itemId(const dom::Element* item) {
    return dom::childText(item, names::kId).value_or("");
}

std::optional<core::Nested> requisites(const dom::Element* item) {
    const dom::Element* list = dom::child(item, names::kRequisites);
    if (list == nullptr) {
        return std::nullopt;
    }
    core::Nested fields;
    for (const dom::Element* requisite : dom::children(list, names::kRequisite)) {
        fields.push_back({dom::childText(requisite, names::kName).value_or(""),
                          dom::childText(requisite, names::kValue).value_or("")});
    }
    return fields;
}

std::optional<std::string> requisite(const std::optional<core::Nested>& requisites,
                                     const char* name) {
    if (requisites) {
        for (const auto& field : *requisites) {
            if (field.name == name) {
                return std::get<std::string>(field.value.data);
            }
        }
    }
    return std::nullopt;
}

}  // namespace crmsync::commerceml
