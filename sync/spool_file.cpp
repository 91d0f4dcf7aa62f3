#include "sync/spool_file.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

#include "crmcore/error.h"

namespace crmsync::sync {

namespace {

[[noreturn]] void failWrite() {
    throw Error("cannot write spool file (disk full?): " + std::string(std::strerror(errno)));
}

}  // namespace

SpoolFile::SpoolFile(const std::filesystem::path& directory) {
    std::filesystem::create_directories(directory);
    std::string pattern = (directory / "crmsync-spool-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw Error("cannot create spool file in " + directory.string() + ": " +
                    std::strerror(errno));
    }
    std::filesystem::remove(pattern);
    file_ = ::fdopen(fd, "w+b");
    if (file_ == nullptr) {
        ::close(fd);
        throw Error("cannot open spool file: " + std::string(std::strerror(errno)));
    }
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

SpoolFile::~SpoolFile() {
    if (file_ != nullptr) {
        std::fclose(file_);
    }
}

void SpoolFile::append(std::initializer_list<std::string_view> parts) {
    if (reading_) {
        throw Error("spool file: append after rewind");
    }
    std::size_t length = 0;
    for (auto part : parts) {
        length += part.size();
    }
    if (length > UINT32_MAX) {
        throw Error("spool file: a frame of " + std::to_string(length) + " bytes is too large");
    }
    auto length32 = static_cast<std::uint32_t>(length);
    if (std::fwrite(&length32, sizeof length32, 1, file_) != 1) {
        failWrite();
    }
    for (auto part : parts) {
        if (std::fwrite(part.data(), 1, part.size(), file_) != part.size()) {
            failWrite();
        }
    }
    ++frames_;
}

void SpoolFile::rewind() {
    if (std::fflush(file_) != 0) {
        failWrite();
    }
    std::rewind(file_);
    reading_ = true;
}

bool SpoolFile::next(std::string& frame) {
    std::uint32_t length = 0;
    if (std::fread(&length, sizeof length, 1, file_) != 1) {
        return false;
    }
    frame.resize(length);
    if (std::fread(frame.data(), 1, length, file_) != length) {
        throw Error("spool file is truncated");
    }
    return true;
}

}  // namespace crmsync::sync
