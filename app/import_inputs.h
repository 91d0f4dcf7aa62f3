#pragma once
// Turns what an admin names on the command line (or what lands in the drop folder) into record
// sources in exchange order: XML files as they are, zips unpacked into a scratch folder that
// lives as long as this object, folders searched for XML files.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crmcore/record_source.h"

namespace crmsync::app {

class ImportInputs {
public:
    // Throws crmsync::InputError for a missing file or a refused archive.
    explicit ImportInputs(const std::vector<std::filesystem::path>& paths);
    ~ImportInputs();
    ImportInputs(const ImportInputs&) = delete;
    ImportInputs& operator=(const ImportInputs&) = delete;

    const std::vector<std::unique_ptr<core::RecordSource>>& sources() const { return sources_; }

private:
    std::filesystem::path scratch_;
    std::vector<std::unique_ptr<core::RecordSource>> sources_;
};

}  // namespace crmsync::app
