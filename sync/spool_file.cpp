#include "sync/spool_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

#include "crmcore/error.h"

namespace crmsync::sync {

namespace {

[[noreturn]] void failWrite() {
    throw Error("cannot write spool file (disk full?): " + std::string(std::strerror(errno)));
}

// Bytes a SpoolTail reads at a time: frames are a few hundred bytes, a system call per frame
// would cost more than the frame's processing.
constexpr std::size_t kTailRead = 1 << 20;

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

std::uint64_t SpoolFile::publish() {
    if (std::fflush(file_) != 0) {
        failWrite();
    }
    long size = std::ftell(file_);
    if (size < 0) {
        failWrite();
    }
    return static_cast<std::uint64_t>(size);
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

SpoolTail::SpoolTail(const SpoolFile& file) : fd_(::fileno(file.file_)) {}

bool SpoolTail::next(std::uint64_t published, std::string& frame) {
    auto available = [&] { return buffer_.size() - position_; };
    auto fill = [&](std::size_t wanted) {
        // Keeps the unread tail, then reads on from where the buffer ends, never past what the
        // writer published.
        buffer_.erase(0, position_);
        buffer_start_ += position_;
        position_ = 0;
        std::uint64_t end = buffer_start_ + buffer_.size();
        while (buffer_.size() < wanted && end < published) {
            std::size_t chunk =
                static_cast<std::size_t>(std::min<std::uint64_t>(kTailRead, published - end));
            std::size_t old_size = buffer_.size();
            buffer_.resize(old_size + chunk);
            ssize_t got = ::pread(fd_, buffer_.data() + old_size, chunk, static_cast<off_t>(end));
            if (got <= 0) {
                buffer_.resize(old_size);
                throw Error("cannot read spool file: " +
                            std::string(got < 0 ? std::strerror(errno) : "it ends too early"));
            }
            buffer_.resize(old_size + static_cast<std::size_t>(got));
            end += static_cast<std::uint64_t>(got);
        }
        return available() >= wanted;
    };
    std::uint32_t length = 0;
    if (available() < sizeof length && !fill(sizeof length)) {
        return false;
    }
    std::memcpy(&length, buffer_.data() + position_, sizeof length);
    if (available() < sizeof length + length && !fill(sizeof length + length)) {
        throw Error("spool file is truncated");
    }
    frame.assign(buffer_, position_ + sizeof length, length);
    position_ += sizeof length + length;
    return true;
}

}  // namespace crmsync::sync
