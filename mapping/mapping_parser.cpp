#include "mapping/mapping_parser.h"

namespace crmsync::mapping {

namespace {

std::string name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::vector<const xmlNode*> children(const xmlNode* node) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            out.push_back(c);
        }
    }
    return out;
}

class TreeReader {
public:
    explicit TreeReader(const XmlDocument& document) : document_(document) {}

    std::optional<model::Attribute> attribute(const xmlNode* node, const char* attr) const {
        xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(attr));
        if (value == nullptr) {
            return std::nullopt;
        }
        model::Attribute out{reinterpret_cast<const char*>(value), document_.positionOf(node, attr)};
        xmlFree(value);
        return out;
    }

    // An attribute the schema gives a default: absent, it sits at its element.
    model::Attribute attributeOr(const xmlNode* node, const char* attr,
                                 const char* fallback) const {
        if (auto a = attribute(node, attr)) {
            return *a;
        }
        return {fallback, document_.positionOf(node)};
    }

    model::Step step(const xmlNode* node) const {
        model::Step out;
        out.kind = name(node);
        out.at = document_.positionOf(node);
        for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
            const char* attr = reinterpret_cast<const char*>(a->name);
            out.arguments.emplace(attr, *attribute(node, attr));
        }
        for (const xmlNode* part : children(node)) {
            out.parts.push_back(step(part));
        }
        return out;
    }

    model::Field field(const xmlNode* node) const {
        model::Field out;
        out.at = document_.positionOf(node);
        out.source = attribute(node, "source");
        out.target = *attribute(node, "target");
        auto required = attribute(node, "required");
        out.required = required && (required->value == "true" || required->value == "1");
        out.direction = attribute(node, "direction");
        out.conflict = attribute(node, "conflict");
        for (const xmlNode* child : children(node)) {
            if (name(child) == "reverse") {
                model::Reverse reverse;
                reverse.at = document_.positionOf(child);
                reverse.target = *attribute(child, "target");
                for (const xmlNode* s : children(child)) {
                    reverse.steps.push_back(step(s));
                }
                out.reverse = std::move(reverse);
            } else {
                out.steps.push_back(step(child));
            }
        }
        return out;
    }

    model::Entity entity(const xmlNode* node) const {
        model::Entity out;
        out.at = document_.positionOf(node);
        out.name = *attribute(node, "name");
        out.table = *attribute(node, "table");
        out.key = *attribute(node, "key");
        out.direction = attributeOr(node, "direction", "from-1c");
        out.conflict = attributeOr(node, "conflict", "onec-wins");
        out.modified = attribute(node, "modified");
        out.on_delete = attributeOr(node, "on-delete", "deactivate");
        for (const xmlNode* child : children(node)) {
            std::string kind = name(child);
            if (kind == "commerceml") {
                out.onec.kind = model::OneCSide::Kind::CommerceMl;
                out.onec.at = document_.positionOf(child);
                out.onec.object = *attribute(child, "element");
            } else if (kind == "odata") {
                out.onec.kind = model::OneCSide::Kind::OData;
                out.onec.at = document_.positionOf(child);
                out.onec.object = *attribute(child, "entity-set");
                out.onec.filter = attribute(child, "filter");
                out.onec.tabular_section = attribute(child, "tabular-section");
                out.onec.crm_id_property = attribute(child, "crm-id-property");
            } else if (kind == "match") {
                out.match_columns.push_back(*attribute(child, "column"));
            } else {
                out.fields.push_back(field(child));
            }
        }
        return out;
    }

    model::ValueMap valueMap(const xmlNode* node) const {
        model::ValueMap out;
        out.at = document_.positionOf(node);
        out.name = *attribute(node, "name");
        if (auto unmapped = attribute(node, "unmapped")) {
            out.unmapped = unmapped->value;
        }
        for (const xmlNode* entry : children(node)) {
            out.entries.emplace_back(*attribute(entry, "from"), *attribute(entry, "to"));
        }
        return out;
    }

private:
    const XmlDocument& document_;
};

}  // namespace

const model::Attribute* model::Step::argument(const std::string& arg) const {
    auto it = arguments.find(arg);
    return it == arguments.end() ? nullptr : &it->second;
}

model::Document readMappingTree(const XmlDocument& document) {
    TreeReader reader(document);
    model::Document out;
    const xmlNode* root = document.root();
    if (auto n = reader.attribute(root, "name")) {
        out.name = n->value;
    }
    for (const xmlNode* child : children(root)) {
        if (name(child) == "value-map") {
            out.value_maps.push_back(reader.valueMap(child));
        } else {
            out.entities.push_back(reader.entity(child));
        }
    }
    return out;
}

}  // namespace crmsync::mapping
