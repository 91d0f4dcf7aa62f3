#include "app/import_inputs.h"

#include <random>

#include "adapters/onec/commerceml/commerceml_file_source.h"
#include "adapters/onec/commerceml/zip_package.h"
#include "crmcore/error.h"
#include "util/text.h"

namespace crmsync::app {

namespace fs = std::filesystem;

namespace {

struct NamedFile {
    fs::path path;
    std::string display;
};

}  // namespace

ImportInputs::ImportInputs(const std::vector<fs::path>& paths) {
    std::vector<NamedFile> files;
    for (const auto& path : paths) {
        if (fs::is_directory(path)) {
            std::vector<fs::path> found;
            for (const auto& entry : fs::recursive_directory_iterator(path)) {
                if (entry.is_regular_file() && util::hasExtension(entry.path(), ".xml")) {
                    found.push_back(fs::relative(entry.path(), path));
                }
            }
            for (const auto& rel : commerceml::exchangeOrder(found)) {
                files.push_back({path / rel, (path.filename() / rel).string()});
            }
        } else if (util::hasExtension(path, ".zip")) {
            if (scratch_.empty()) {
                std::random_device rd;
                scratch_ = fs::temp_directory_path() / ("crmsync-unzip-" + std::to_string(rd()));
            }
            fs::path target = scratch_ / std::to_string(files.size());
            auto unpacked = commerceml::unpackZip(path, target);
            std::vector<fs::path> xml;
            for (const auto& rel : unpacked) {
                if (util::hasExtension(rel, ".xml")) {
                    xml.push_back(rel);
                }
            }
            for (const auto& rel : commerceml::exchangeOrder(xml)) {
                files.push_back({target / rel, path.filename().string() + "/" + rel.string()});
            }
        } else if (fs::is_regular_file(path)) {
            files.push_back({path, path.string()});
        } else {
            throw InputError(path.string(), 0, "no such file");
        }
    }
    for (auto& file : files) {
        sources_.push_back(
            std::make_unique<commerceml::CommerceMlFileSource>(file.path, file.display));
    }
}

ImportInputs::~ImportInputs() {
    if (!scratch_.empty()) {
        std::error_code ec;
        fs::remove_all(scratch_, ec);
    }
}

}  // namespace crmsync::app
