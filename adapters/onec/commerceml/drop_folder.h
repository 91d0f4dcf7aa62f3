#pragma once
// The shared-folder mode of 1C's exchange: 1C (or an admin) unloads import.xml, offers.xml,
// orders or a zip of them into a folder; crmsync takes each file once it is complete, and moves
// it to done/ or to failed/ with a reason file beside it. Nothing is ever deleted.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace crmsync::commerceml {

class DropFolder {
public:
    // Creates the folder and its done/ and failed/ subfolders when missing.
    explicit DropFolder(std::filesystem::path root);

    // .xml and .zip files directly in the folder whose size and modification time have not
    // changed since the previous call (a file still being written is left for later), in
    // exchange order. Hidden files and *.tmp / *.part are ignored.
    std::vector<std::filesystem::path> readyFiles();

    // Moves a taken file out of the way; names get a UTC time prefix so repeated uploads of
    // import.xml never overwrite each other. Return the new path.
    std::filesystem::path moveToDone(const std::filesystem::path& file);
    std::filesystem::path moveToFailed(const std::filesystem::path& file, const std::string& reason);

    const std::filesystem::path& root() const { return root_; }

private:
    struct Seen {
        std::uintmax_t size = 0;
        std::filesystem::file_time_type mtime;
    };
    std::filesystem::path moveTo(const std::filesystem::path& file, const std::string& folder);

    std::filesystem::path root_;
    std::map<std::filesystem::path, Seen> last_scan_;
};

}  // namespace crmsync::commerceml
