#include "mapping/xml_document.h"

#include <functional>
#include <stdexcept>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace crmsync::mapping {

namespace {

constexpr const char* kNamespaceInMessages = "{urn:crmsync:mapping:1}";

// libxml2 ends its messages with a newline and names elements with their namespace; an admin
// reads "Element 'field'" better than "Element '{urn:crmsync:mapping:1}field'".
std::string cleanMessage(const char* raw) {
    std::string message = raw == nullptr ? "unknown XML error" : raw;
    for (auto pos = message.find(kNamespaceInMessages); pos != std::string::npos;
         pos = message.find(kNamespaceInMessages, pos)) {
        message.erase(pos, std::char_traits<char>::length(kNamespaceInMessages));
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return message;
}

struct ParseErrors {
    Diagnostics* out;
};

// libxml2 2.9 hands a SAX structured-error handler the parser context (its userData, which the
// tree builder needs untouched), so our collector travels in the context's _private slot.
void collectParseError(void* context, xmlErrorPtr error) {
    auto* errors = static_cast<ParseErrors*>(static_cast<xmlParserCtxtPtr>(context)->_private);
    // For parser errors libxml2 puts the column in int2.
    errors->out->add({error->line, error->int2}, cleanMessage(error->message));
}

struct ValidationErrors {
    const XmlDocument* document;
    Diagnostics* out;
    std::function<Position(const xmlNode*, const std::string&)> locate;
};

// libxml2 reports an attribute's XSD error on its element; the message names the attribute
// ("Element 'field', attribute 'sourse': ..."), which lets us point at the attribute itself.
std::string attributeNamed(const std::string& message) {
    const std::string marker = "', attribute '";
    auto start = message.find(marker);
    if (start == std::string::npos) {
        return {};
    }
    start += marker.size();
    auto end = message.find('\'', start);
    return end == std::string::npos ? std::string() : message.substr(start, end - start);
}

void collectValidationError(void* context, xmlErrorPtr error) {
    auto* errors = static_cast<ValidationErrors*>(context);
    Position at{error->line, 0};
    std::string message = cleanMessage(error->message);
    if (error->node != nullptr) {
        at = errors->locate(static_cast<const xmlNode*>(error->node), attributeNamed(message));
    }
    errors->out->add(at, std::move(message));
}

void silence(void*, xmlErrorPtr) {}

void indexElements(const xmlNode* node, std::unordered_map<const xmlNode*, std::size_t>& index) {
    for (; node != nullptr; node = node->next) {
        if (node->type == XML_ELEMENT_NODE) {
            index.emplace(node, index.size());
            indexElements(node->children, index);
        }
    }
}

}  // namespace

std::unique_ptr<XmlDocument> XmlDocument::parse(const std::string& text, Diagnostics& out) {
    TextScan scan = scanTags(text);
    if (scan.doctype) {
        // Refused before libxml2 sees it: a DTD is where entity bombs and external entities live.
        out.add(*scan.doctype, "DOCTYPE is not allowed in a mapping file");
        return nullptr;
    }
    ParseErrors errors{&out};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == nullptr) {
        throw std::bad_alloc();
    }
    ctxt->_private = &errors;
    ctxt->sax->serror = collectParseError;
    xmlDoc* doc = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), nullptr,
                                    nullptr, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    bool well_formed = ctxt->wellFormed != 0;
    xmlFreeParserCtxt(ctxt);
    if (doc == nullptr || !well_formed) {
        if (doc != nullptr) {
            xmlFreeDoc(doc);
        }
        if (out.empty()) {
            out.add({1, 1}, "not a well-formed XML document");
        }
        return nullptr;
    }
    return std::unique_ptr<XmlDocument>(new XmlDocument(doc, std::move(scan)));
}

XmlDocument::XmlDocument(xmlDoc* doc, TextScan scan) : doc_(doc), scan_(std::move(scan)) {
    indexElements(xmlDocGetRootElement(doc_), tag_index_);
}

XmlDocument::~XmlDocument() { xmlFreeDoc(doc_); }

bool XmlDocument::validate(const std::string& xsd_text, Diagnostics& out) const {
    std::size_t before = out.items().size();
    xmlSchemaParserCtxtPtr parser =
        xmlSchemaNewMemParserCtxt(xsd_text.data(), static_cast<int>(xsd_text.size()));
    xmlSchemaSetParserStructuredErrors(parser, silence, nullptr);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (schema == nullptr) {
        throw std::logic_error("the built-in mapping XSD does not parse");
    }
    ValidationErrors errors{this, &out, [this](const xmlNode* n, const std::string& attribute) {
                                if (!attribute.empty() && n->type == XML_ELEMENT_NODE) {
                                    return positionOf(n, attribute.c_str());
                                }
                                return positionOfNode(n);
                            }};
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(validator, collectValidationError, &errors);
    int rc = xmlSchemaValidateDoc(validator, doc_);
    xmlSchemaFreeValidCtxt(validator);
    xmlSchemaFree(schema);
    if (rc != 0 && out.items().size() == before) {
        out.add({1, 1}, "the mapping does not match its schema");
    }
    return rc == 0;
}

Position XmlDocument::positionOfNode(const xmlNode* node) const {
    if (node->type == XML_ATTRIBUTE_NODE && node->parent != nullptr) {
        return positionOf(node->parent, reinterpret_cast<const char*>(node->name));
    }
    return positionOf(node);
}

Position XmlDocument::positionOf(const xmlNode* element) const {
    auto it = tag_index_.find(element);
    if (it != tag_index_.end() && it->second < scan_.tags.size() &&
        scan_.tags[it->second].start.line == static_cast<int>(element->line)) {
        return scan_.tags[it->second].start;
    }
    // The text scan and the tree disagree (should not happen): the line is still right.
    return {static_cast<int>(element->line), 0};
}

Position XmlDocument::positionOf(const xmlNode* element, const char* attribute) const {
    auto it = tag_index_.find(element);
    if (it != tag_index_.end() && it->second < scan_.tags.size()) {
        for (const auto& [name, at] : scan_.tags[it->second].attributes) {
            auto colon = name.find(':');
            std::string local = colon == std::string::npos ? name : name.substr(colon + 1);
            if (local == attribute) {
                return at;
            }
        }
    }
    return positionOf(element);
}

}  // namespace crmsync::mapping
