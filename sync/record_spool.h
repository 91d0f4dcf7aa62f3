#pragma once
// A temporary file of encoded records. A source is read into the spool completely before any
// record is applied, so a file that turns out malformed or truncated at its last line leaves
// the database untouched; memory stays flat whatever the file size.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "crmcore/record.h"
#include "sync/spool_file.h"

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
    explicit RecordSpool(const std::filesystem::path& directory) : file_(directory) {}

    // `encoded` is a record as core::encodeRecord() writes it.
    void append(std::string_view encoded, std::string_view content_hash, bool new_key);
    std::uint64_t size() const { return file_.frames(); }

    // Switches to reading from the first record; append() is not allowed afterwards.
    void rewind() { file_.rewind(); }
    std::optional<SpooledRecord> next();

private:
    SpoolFile file_;
    std::string buffer_;
};

}  // namespace crmsync::sync
