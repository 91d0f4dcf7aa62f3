#include "adapters/onec/commerceml/drop_folder.h"

#include <algorithm>
#include <ctime>
#include <fstream>

#include "adapters/onec/commerceml/zip_package.h"
#include "crmcore/error.h"

namespace crmsync::commerceml {

namespace fs = std::filesystem;

namespace {

bool isCandidate(const fs::path& path) {
    std::string name = path.filename().string();
    if (name.empty() || name.front() == '.') {
        return false;
    }
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".xml" || ext == ".zip";
}

std::string utcStamp() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &tm);
    return buffer;
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
    fs::path target = root_ / folder / (utcStamp() + "-" + file.filename().string());
    for (int n = 1; fs::exists(target); ++n) {
        target = root_ / folder /
                 (utcStamp() + "-" + std::to_string(n) + "-" + file.filename().string());
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
