#include "sync/record_spool.h"

#include <cstring>

#include "crmcore/error.h"
#include "crmcore/record_codec.h"

namespace crmsync::sync {

RecordSpool::RecordSpool(const std::filesystem::path& directory) {
    std::filesystem::create_directories(directory);
    std::string pattern = (directory / "crmsync-spool-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw Error("cannot create spool file in " + directory.string() + ": " +
                    std::strerror(errno));
    }
    // Unlinked at once: the kernel frees it even if the process dies mid-import.
    std::filesystem::remove(pattern);
    file_ = ::fdopen(fd, "w+b");
    if (file_ == nullptr) {
        throw Error("cannot open spool file: " + std::string(std::strerror(errno)));
    }
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

RecordSpool::~RecordSpool() {
    if (file_ != nullptr) {
        std::fclose(file_);
    }
}

void RecordSpool::append(const core::Record& record) {
    if (reading_) {
        throw Error("record spool: append after rewind");
    }
    buffer_.clear();
    core::encodeRecord(record, buffer_);
    auto length = static_cast<std::uint32_t>(buffer_.size());
    if (std::fwrite(&length, sizeof length, 1, file_) != 1 ||
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        throw Error("cannot write spool file (disk full?): " + std::string(std::strerror(errno)));
    }
    ++count_;
}

void RecordSpool::rewind() {
    if (std::fflush(file_) != 0) {
        throw Error("cannot write spool file (disk full?): " + std::string(std::strerror(errno)));
    }
    std::rewind(file_);
    reading_ = true;
}

std::optional<core::Record> RecordSpool::next() {
    std::uint32_t length = 0;
    if (std::fread(&length, sizeof length, 1, file_) != 1) {
        return std::nullopt;
    }
    buffer_.resize(length);
    if (std::fread(buffer_.data(), 1, length, file_) != length) {
        throw Error("spool file is truncated");
    }
    std::string_view in(buffer_);
    return core::decodeRecord(in);
}

}  // namespace crmsync::sync
