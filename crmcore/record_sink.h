#pragma once
// How a source (a CommerceML file, an OData pull) hands records to whoever consumes them.
#include <string>
#include <vector>

#include "crmcore/record.h"

namespace crmsync::core {

// A package is one self-contained part of a file (a CommerceML Классификатор, Каталог,
// ПакетПредложений or document set) with its own completeness flag.
struct PackageInfo {
    std::string kind;                  // "classifier", "catalog", "offers", "documents"
    bool changes_only = true;          // false only when the source says it is a full unload
    std::vector<std::string> entities; // entities a full package is authoritative for
    Origin origin;
};

class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void beginPackage(const PackageInfo& package) = 0;
    // Records arrive in dependency order within a package: a record never refers to one that
    // comes later (groups before products, price types before prices, orders before lines).
    virtual void record(Record&& record) = 0;
    // The source still holds this record, unchanged since it was last applied, and did not read
    // it again (an incremental pull): it counts as contained in the package, so a full package
    // does not deactivate it. For a tabular-section entity, `key` is the key of the object
    // whose rows all stay as they are.
    virtual void present(const std::string& entity, const std::string& key) {
        (void)entity;
        (void)key;
    }
    // Called only when the package was read to its end without error.
    virtual void endPackage(const PackageInfo& package) = 0;
};

}  // namespace crmsync::core
