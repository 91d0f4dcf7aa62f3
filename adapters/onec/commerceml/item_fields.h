#pragma once
// Building records from an item subtree: fields are appended in call order, and an absent
// source element leaves its field out (a changes-only package then leaves the column alone).
#include <optional>
#include <string>

#include "adapters/onec/commerceml/xml_element.h"

#include "crmcore/record.h"

namespace crmsync::commerceml {

// A record whose origin is `element`'s line in `file` and whose source_version is the
// element's НомерВерсии, when it has one.
core::Record newRecord(const char* entity, std::string key, const dom::Element* element,
                       const std::string& file);

void putValue(core::Record& record, const char* field, core::Value value);
// Text as written (trimmed).
void putText(core::Record& record, const char* field, std::optional<std::string> value);
void putList(core::Record& record, const char* field, std::optional<core::List> list);
// See normalizeDecimal / normalizeDateTime / normalizeBoolean; an empty date or boolean is left
// out.
void putDecimal(core::Record& record, const char* field, const std::optional<std::string>& value);
void putDateTime(core::Record& record, const char* field, const std::optional<std::string>& value);
void putBoolean(core::Record& record, const char* field, const std::optional<std::string>& value);

// The trimmed Ид child of an item, "" when missing (the engine quarantines a record without
// a key, so one bad item never stops the file).
std::string itemId(const dom::Element* item);

// ЗначенияРеквизитов/ЗначениеРеквизита as {Наименование: Значение} in document order;
// nullopt when the item has no ЗначенияРеквизитов.
std::optional<core::Nested> requisites(const dom::Element* item);

// The value of the requisite with that name, if present.
std::optional<std::string> requisite(const std::optional<core::Nested>& requisites,
                                     const char* name);

}  // namespace crmsync::commerceml
