#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace crmsync::util {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void writeAll(int fd, std::string_view bytes, const std::filesystem::path& temp) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("cannot write", temp);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
    // A unique name, so two writers never share a temporary file; a leading dot keeps it
    // out of directory listings and of the drop folder's *.xml scan.
    std::string pattern = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(pattern.data());
    std::filesystem::path temp = pattern;
    if (fd < 0) {
        fail("cannot create a temporary file in", folder);
    }
    try {
        writeAll(fd, bytes, temp);
        // mkstemp makes 0600; a mapping file is read by whoever runs the daemon, keep it 0644.
        if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
            fail("cannot flush", temp);
        }
        if (::close(fd) != 0) {
            fd = -1;
            fail("cannot close", temp);
        }
        fd = -1;
        std::filesystem::rename(temp, path);
    } catch (...) {
        if (fd >= 0) {
            ::close(fd);
        }
        std::error_code ignored;  // the error being thrown is the one to report
        std::filesystem::remove(temp, ignored);
        throw;
    }
    // The rename itself is durable only once the folder's entry is on disk.
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace crmsync::util
