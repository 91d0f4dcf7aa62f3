#include "sync/record_spool.h"

#include "crmcore/error.h"
#include "crmcore/record_codec.h"

namespace crmsync::sync {

// A frame: u8 new_key, u8 hash length, hash, record.
void RecordSpool::append(std::string_view encoded, std::string_view content_hash,
                         bool new_key) {
    const char head[2] = {static_cast<char>(new_key ? 1 : 0),
                          static_cast<char>(content_hash.size())};
    file_.append({std::string_view(head, sizeof head), content_hash, encoded});
}

std::optional<SpooledRecord> RecordSpool::next() {
    if (!file_.next(buffer_)) {
        return std::nullopt;
    }
    if (buffer_.size() < 2 || buffer_.size() < 2u + static_cast<unsigned char>(buffer_[1])) {
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
