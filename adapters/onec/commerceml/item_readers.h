#pragma once
// One function per CommerceML item element: each takes the expanded item subtree and emits
// the records it holds, in dependency order. None of them throws for bad content: what 1C
// left out is left out, and what is malformed goes on as text for the mapping to quarantine.
#include <optional>
#include <string>

#include "adapters/onec/commerceml/xml_element.h"

#include "adapters/onec/commerceml/record_emitter.h"

namespace crmsync::commerceml {

// Классификатор (and the ТипыЦен / Склады an offers package repeats).
// Группа with its nested Группы, parents before children; `parent` is the enclosing group.
void readGroupTree(const dom::Element* group, const std::optional<std::string>& parent,
                   RecordEmitter& out);
void readProperty(const dom::Element* property, RecordEmitter& out);
void readPriceType(const dom::Element* price_type, RecordEmitter& out);
void readWarehouse(const dom::Element* warehouse, RecordEmitter& out);
// ЕдиницаИзмерения of a 3.x classifier: the unit products later refer to by code.
void readUnitDefinition(const dom::Element* unit, RecordEmitter& out);

// Каталог/Товары/Товар: its unit (once per file), then the product.
void readProduct(const dom::Element* product, RecordEmitter& out);

// ПакетПредложений/Предложения/Предложение: the variant product when the offer is a
// characteristic ("guid#guid" with a name), then its prices, then its stock rows.
void readOffer(const dom::Element* offer, RecordEmitter& out);

// Документ: its counterparties with their contacts, the order, then the order's lines.
void readDocument(const dom::Element* document, RecordEmitter& out);

}  // namespace crmsync::commerceml
