#pragma once
// A temporary file of encoded records. A source is read into the spool completely before any
// record is applied, so a file that turns out malformed or truncated at its last line leaves
// the database untouched; memory stays flat whatever the file size.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "crmcore/record.h"

namespace crmsync::sync {

// A record with what pass one learnt about it, so that pass two does not work it out again.
struct SpooledRecord {
    core::Record record;
    std::string content_hash;  // bindingHash(record, mapping version)
    // Pass one found no binding and the key had not come earlier in the source: the record
    // can be inserted without looking its binding up again.
    bool new_key = false;
};

class RecordSpool {
public:
    // Creates an anonymous file in `directory` (removed when the spool is destroyed).
    explicit RecordSpool(const std::filesystem::path& directory);
    ~RecordSpool();
    RecordSpool(const RecordSpool&) = delete;
    RecordSpool& operator=(const RecordSpool&) = delete;

    // `encoded` is a record as core::encodeRecord() writes it.
    void append(std::string_view encoded, std::string_view content_hash, bool new_key);
    std::uint64_t size() const { return count_; }

    // Switches to reading from the first record; append() is not allowed afterwards.
    void rewind();
    std::optional<SpooledRecord> next();

private:
    std::FILE* file_ = nullptr;
    std::uint64_t count_ = 0;
    std::string buffer_;
    bool reading_ = false;
};

}  // namespace crmsync::sync
