#pragma once
// The one way item readers hand records to the sink. It keeps the package protocol (begin,
// records, end with the entities carried), counts records for ReadStats, and emits every unit
// of measure once per file, however many products use it.
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "crmcore/record_sink.h"

namespace crmsync::commerceml {

class RecordEmitter {
public:
    // `file` is the display name records' origins carry.
    RecordEmitter(core::RecordSink& sink, ReadStats& stats, std::string file);

    // Opens a package. The sink hears of it right before its first record (or at close), so a
    // СодержитТолькоИзменения child element written before the items still counts.
    void openPackage(core::PackageInfo info);
    // Changes the open package's flag; too late once the sink has been told.
    void setChangesOnly(bool changes_only);
    // Ends the open package. `entities` lists what it carried records for, minus units (shared
    // by every package) and, for offers, the variant products (the catalog owns products).
    void closePackage();
    bool packageOpen() const { return package_.has_value(); }

    void emit(core::Record&& record);
    // Emits `unit` unless a unit with its key was already emitted from this file.
    void emitUnitOnce(core::Record&& unit);

    const std::string& file() const { return file_; }

private:
    void announcePackage();
    bool isAuthoritativeFor(const std::string& entity) const;

    core::RecordSink& sink_;
    ReadStats& stats_;
    std::string file_;
    std::optional<core::PackageInfo> package_;
    bool announced_ = false;
    std::unordered_set<std::string> emitted_units_;
};

}  // namespace crmsync::commerceml
