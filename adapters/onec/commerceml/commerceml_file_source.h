#pragma once
// A CommerceML file as a record source for the engine.
#include <filesystem>
#include <string>

#include "crmcore/record_source.h"

namespace crmsync::commerceml {

class CommerceMlFileSource : public core::RecordSource {
public:
    // `display_name` names the file in errors, quarantine and the journal (e.g. the name 1C
    // uploaded it under rather than a temporary path).
    CommerceMlFileSource(std::filesystem::path path, std::string display_name);

    std::string name() const override { return display_name_; }
    bool canReadAhead() const override { return true; }
    void read(core::RecordSink& sink) override;

private:
    std::filesystem::path path_;
    std::string display_name_;
};

}  // namespace crmsync::commerceml
