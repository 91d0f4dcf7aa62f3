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

// Layout of an entry: u32 length of the rest, u8 new_key, u8 hash length, hash, record.
void RecordSpool::append(std::string_view encoded, std::string_view content_hash,
                         bool new_key) {
    if (reading_) {
        throw Error("record spool: append after rewind");
    }
    char head[2] = {static_cast<char>(new_key ? 1 : 0), static_cast<char>(content_hash.size())};
    auto length = static_cast<std::uint32_t>(sizeof head + content_hash.size() + encoded.size());
    if (std::fwrite(&length, sizeof length, 1, file_) != 1 ||
        std::fwrite(head, 1, sizeof head, file_) != sizeof head ||
        std::fwrite(content_hash.data(), 1, content_hash.size(), file_) != content_hash.size() ||
        std::fwrite(encoded.data(), 1, encoded.size(), file_) != encoded.size()) {
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

std::optional<SpooledRecord> RecordSpool::next() {
    std::uint32_t length = 0;
    if (std::fread(&length, sizeof length, 1, file_) != 1) {
        return std::nullopt;
    }
    buffer_.resize(length);
    if (std::fread(buffer_.data(), 1, length, file_) != length) {
        throw Error("spool file is truncated");
    }
    if (length < 2 || length < 2u + static_cast<unsigned char>(buffer_[1])) {
        throw Error("spool file is corrupt");
    }
    SpooledRecord spooled;
    spooled.new_key = buffer_[0] != 0;
    std::size_t hash_length = static_cast<unsigned char>(buffer_[1]);
    spooled.content_hash.assign(buffer_, 2, hash_length);
    std::string_view in(buffer_);
    in.remove_prefix(2 + hash_length);
    spooled.record = core::decodeRecord(in);
    return spooled;
}

}  // namespace crmsync::sync
