// The walk over a CommerceML document: root, packages, collections. Items are expanded one at
// a time and handed to the item readers (item_readers.h).
#include "adapters/onec/commerceml/commerceml_reader.h"

#include "adapters/onec/commerceml/commerceml_names.h"
#include "adapters/onec/commerceml/item_readers.h"
#include "adapters/onec/commerceml/record_emitter.h"
#include "adapters/onec/commerceml/xml_node.h"
#include "adapters/onec/commerceml/xml_stream.h"
#include "crmcore/logging.h"
#include "util/text.h"

namespace crmsync::commerceml {

namespace {

using ItemReader = void (*)(const dom::Element*, RecordEmitter&);

void readGroupRoot(const dom::Element* group, RecordEmitter& out) {
    readGroupTree(group, std::nullopt, out);
}

// The collection the stream stands on (Группы, Товары, ...): each child element named
// `item` (or `alternative`, when given) is expanded and read; anything else is passed over.
void readItems(XmlStream& xml, RecordEmitter& out, const char* item, ItemReader reader,
               const char* alternative = nullptr) {
    ChildElements items(xml);
    while (items.next()) {
        if (xml.nameIs(item) || (alternative != nullptr && xml.nameIs(alternative))) {
            reader(xml.expand(), out);
        }
    }
}

// A package starts as the sink's PackageInfo: a delta unless 1C says exactly "false".
core::PackageInfo packageInfo(const char* kind, const XmlStream& xml) {
    core::PackageInfo info;
    info.kind = kind;
    info.changes_only = util::trimmed(xml.attribute(names::kChangesOnly).value_or("")) != "false";
    info.origin = {xml.displayName(), xml.line()};
    return info;
}

// Some 2.0x writers put СодержитТолькоИзменения as the package's first child element rather
// than an attribute; it counts while no record of the package has been emitted.
bool readChangesOnlyElement(XmlStream& xml, RecordEmitter& out) {
    if (!xml.nameIs(names::kChangesOnly)) {
        return false;
    }
    out.setChangesOnly(dom::text(xml.expand()) != "false");
    return true;
}

// Классификатор: groups, properties, and in 2.09+/3.x exports price types, warehouses, units.
void readClassifier(XmlStream& xml, RecordEmitter& out) {
    out.openPackage(packageInfo("classifier", xml));
    ChildElements parts(xml);
    while (parts.next()) {
        if (readChangesOnlyElement(xml, out)) {
            continue;
        }
        if (xml.nameIs(names::kGroups)) {
            readItems(xml, out, names::kGroup, &readGroupRoot);
        } else if (xml.nameIs(names::kProperties)) {
            readItems(xml, out, names::kProperty, &readProperty, names::kPropertyLegacy);
        } else if (xml.nameIs(names::kPriceTypes)) {
            readItems(xml, out, names::kPriceType, &readPriceType);
        } else if (xml.nameIs(names::kWarehouses)) {
            readItems(xml, out, names::kWarehouse, &readWarehouse);
        } else if (xml.nameIs(names::kUnits)) {
            readItems(xml, out, names::kUnitDefinition, &readUnitDefinition);
        }
    }
    out.closePackage();
}

void readCatalog(XmlStream& xml, RecordEmitter& out) {
    out.openPackage(packageInfo("catalog", xml));
    ChildElements parts(xml);
    while (parts.next()) {
        if (readChangesOnlyElement(xml, out)) {
            continue;
        }
        if (xml.nameIs(names::kProducts)) {
            readItems(xml, out, names::kProduct, &readProduct);
        }
    }
    out.closePackage();
}

// ПакетПредложений (offers, prices or rests file) and ИзмененияПакетаПредложений. Price types
// and warehouses come before Предложения in every version, which keeps dependency order.
void readOfferPackage(XmlStream& xml, RecordEmitter& out) {
    out.openPackage(packageInfo("offers", xml));
    ChildElements parts(xml);
    while (parts.next()) {
        if (readChangesOnlyElement(xml, out)) {
            continue;
        }
        if (xml.nameIs(names::kPriceTypes)) {
            readItems(xml, out, names::kPriceType, &readPriceType);
        } else if (xml.nameIs(names::kWarehouses)) {
            readItems(xml, out, names::kWarehouse, &readWarehouse);
        } else if (xml.nameIs(names::kOffers)) {
            readItems(xml, out, names::kOffer, &readOffer);
        }
    }
    out.closePackage();
}

// A Документ directly under the root (2.x), or the Документ of a 3.x Контейнер.
void readDocumentOrContainer(XmlStream& xml, RecordEmitter& out) {
    if (xml.nameIs(names::kDocument)) {
        readDocument(xml.expand(), out);
    } else {
        readItems(xml, out, names::kDocument, &readDocument);
    }
}

// The root's children. Consecutive documents form one "documents" package (always a delta:
// an order file never says which orders no longer exist); any other package ends such a run.
void readPackages(XmlStream& xml, RecordEmitter& out) {
    ChildElements packages(xml);
    while (packages.next()) {
        if (xml.nameIs(names::kDocument) || xml.nameIs(names::kContainer)) {
            if (!out.packageOpen()) {
                core::PackageInfo documents{"documents", true, {}, {xml.displayName(), xml.line()}};
                out.openPackage(std::move(documents));
            }
            readDocumentOrContainer(xml, out);
            continue;
        }
        if (out.packageOpen()) {
            out.closePackage();
        }
        if (xml.nameIs(names::kClassifier)) {
            readClassifier(xml, out);
        } else if (xml.nameIs(names::kCatalog)) {
            readCatalog(xml, out);
        } else if (xml.nameIs(names::kOfferPackage) || xml.nameIs(names::kOfferPackageChanges)) {
            readOfferPackage(xml, out);
        }
    }
    if (out.packageOpen()) {
        out.closePackage();
    }
}

void moveToRoot(XmlStream& xml) {
    while (xml.read()) {
        if (xml.isStartElement()) {
            if (!xml.nameIs(names::kRoot)) {
                xml.fail(xml.line(), "not a CommerceML document: the root element is <" +
                                         xml.localName() + ">, expected <" + names::kRoot + ">");
            }
            return;
        }
    }
    xml.fail(xml.line(), "the document has no root element");
}

// Reads past the root's end tag, so that anything malformed after it still refuses the file.
void readToEnd(XmlStream& xml) {
    while (xml.read()) {
    }
}

}  // namespace

ReadStats readCommerceMl(const std::string& path, core::RecordSink& sink,
                         const ReaderOptions& options) {
    const std::string file = options.display_name.empty() ? path : options.display_name;
    XmlStream xml(path, file);
    moveToRoot(xml);
    ReadStats stats;
    stats.schema_version = util::trimmed(xml.attribute(names::kSchemaVersion).value_or(""));
    RecordEmitter out(sink, stats, file);
    readPackages(xml, out);
    readToEnd(xml);

    std::size_t total = 0;
    for (const auto& [entity, count] : stats.records) {
        total += count;
    }
    core::logger("onec.commerceml")
        ->info("read file={} schema={} records={}", file, stats.schema_version, total);
    return stats;
}

}  // namespace crmsync::commerceml
