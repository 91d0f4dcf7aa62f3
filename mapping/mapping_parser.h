#pragma once
// Reads a validated mapping tree into the model. Relies on the XSD having checked the structure:
// it does not re-check what the schema guarantees.
#include "mapping/mapping_model.h"
#include "mapping/xml_document.h"

namespace crmsync::mapping {

model::Document readMappingTree(const XmlDocument& document);

}  // namespace crmsync::mapping
