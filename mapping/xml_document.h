#pragma once
// A mapping file as a libxml2 tree, read safely (no network, no entity expansion, no DOCTYPE)
// and validated against the mapping XSD, with every problem collected as a Diagnostic.
#include <memory>
#include <string>
#include <unordered_map>

#include <libxml/tree.h>

#include "mapping/diagnostic.h"
#include "mapping/xml_positions.h"

namespace crmsync::mapping {

class XmlDocument {
public:
    // Parses `text`. Returns nullptr when it is not well-formed XML (the reasons are in `out`).
    static std::unique_ptr<XmlDocument> parse(const std::string& text, Diagnostics& out);
    ~XmlDocument();
    XmlDocument(const XmlDocument&) = delete;
    XmlDocument& operator=(const XmlDocument&) = delete;

    // Adds every XSD violation to `out`; true when there was none.
    bool validate(const std::string& xsd_text, Diagnostics& out) const;

    const xmlNode* root() const { return xmlDocGetRootElement(doc_); }

    // The '<' of an element's start tag; the first character of an attribute's name.
    Position positionOf(const xmlNode* element) const;
    Position positionOf(const xmlNode* element, const char* attribute) const;

private:
    XmlDocument(xmlDoc* doc, TextScan scan);
    Position positionOfNode(const xmlNode* node) const;  // element or attribute node

    xmlDoc* doc_;
    TextScan scan_;
    std::unordered_map<const xmlNode*, std::size_t> tag_index_;
};

}  // namespace crmsync::mapping
