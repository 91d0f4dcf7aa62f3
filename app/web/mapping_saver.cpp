#include "app/web/mapping_saver.h"

#include <fstream>
#include <sstream>

#include "app/web/api_error.h"
#include "crmcore/logging.h"
#include "util/atomic_file.h"
#include "util/sha256.h"

namespace crmsync::app::web {

std::string readMappingFile(const EngineMappings::File& file) {
    std::ifstream in(file.path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
        throw ApiError(500, "unreadable_file",
                       "cannot read the mapping file " + file.path.string());
    }
    return bytes.str();
}

core::MappingVersion saveMappingVersion(core::MappingVersions& versions,
                                        const EngineMappings::File& file,
                                        const std::string& content, const std::string& actor,
                                        const std::string& comment) {
    std::string on_disk = readMappingFile(file);
    std::string disk_hash = util::sha256Hex(on_disk);
    auto newest = versions.latest(file.name);
    if (!newest || newest->content_hash != disk_hash) {
        versions.add({file.name, 0, file.path.string(), on_disk, disk_hash, "", actor,
                      newest ? "found on disk, changed outside crmsync"
                             : "found on disk before the first save"});
    }
    try {
        util::writeFileAtomically(file.path, content);
    } catch (const std::exception& e) {
        core::logger("http")->error("mapping {}: {}", file.name, e.what());
        throw ApiError(500, "unwritable_file",
                       "cannot write the mapping file " + file.path.string() + ": " + e.what());
    }
    auto saved = versions.add({file.name, 0, file.path.string(), content,
                               util::sha256Hex(content), "", actor, comment});
    core::logger("http")->info("mapping {}: version {} written to {} by {}", file.name,
                               saved.number, file.path.string(), actor);
    return saved;
}

}  // namespace crmsync::app::web
