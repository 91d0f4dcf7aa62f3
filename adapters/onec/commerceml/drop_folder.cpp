#include "adapters/onec/commerceml/drop_folder.h"

#include <fstream>

#include "adapters/onec/commerceml/zip_package.h"
#include "crmcore/error.h"
#include "util/text.h"
#include "util/utc_time.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

namespace {

bool isCandidate(const fs::path& path) {
    std::string name = path.filename().string();
    if (name.empty() || name.front() == '.') {
        return false;
    }
    return util::hasExtension(path, ".xml") || util::hasExtension(path, ".zip");
}

}  // namespace

DropFolder::DropFolder(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_ / "done");
    fs::create_directories(root_ / "failed");
}

std::vector<fs::path> DropFolder::readyFiles() {
    std::map<fs::path, Seen> scan;
    std::vector<fs::path> ready;
    for (const auto& entry : fs::directory_iterator(root_)) {
        std::error_code ec;
        if (!entry.is_regular_file(ec) || !isCandidate(entry.path())) {
            continue;
        }
        Seen now{entry.file_size(ec), entry.last_write_time(ec)};
        if (ec) {
            continue;  // vanished or unreadable between listing and stat: next scan decides
        }
        auto previous = last_scan_.find(entry.path());
        if (previous != last_scan_.end() && previous->second.size == now.size &&
            previous->second.mtime == now.mtime) {
            ready.push_back(entry.path());
        }
        scan.emplace(entry.path(), now);
    }
    last_scan_ = std::move(scan);
    return exchangeOrder(std::move(ready));
}

fs::path DropFolder::moveTo(const fs::path& file, const std::string& folder) {
    const std::string stamp = util::utcCompact(std::chrono::system_clock::now());
    fs::path target = root_ / folder / (stamp + "-" + file.filename().string());
    for (int n = 1; fs::exists(target); ++n) {
        target = root_ / folder /
                 (stamp + "-" + std::to_string(n) + "-" + file.filename().string());
    }
    fs::rename(file, target);
    last_scan_.erase(file);
    return target;
}

fs::path DropFolder::moveToDone(const fs::path& file) { return moveTo(file, "done"); }

fs::path DropFolder::moveToFailed(const fs::path& file, const std::string& reason) {
    fs::path target = moveTo(file, "failed");
    std::ofstream out(target.string() + ".reason.txt", std::ios::trunc);
    out << reason << "\n";
    return target;
}

}  // namespace crmsync::commerceml
