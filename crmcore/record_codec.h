#pragma once
// Compact binary form of a Record, for spooling a parsed file to disk between "read the whole
// file" and "apply it", and for content hashing. Not a storage format: only this build reads it.
#include <cstdint>
#include <string>
#include <string_view>

#include "crmcore/record.h"

namespace crmsync::core {

// Appends the record (entity, key, fields, version, origin) to `out`.
void encodeRecord(const Record& record, std::string& out);

// Decodes one record from the front of `in` and advances `in` past it.
// Throws crmsync::Error when the bytes are not a record this build wrote.
Record decodeRecord(std::string_view& in);

// 64-bit FNV-1a over entity, key and fields (not origin nor version): equal content, equal hash.
// Rendered as 16 hex digits for storage in the binding table.
std::string contentHash(const Record& record);

// encodeRecord() and contentHash() in one go: the content is what an encoding starts with, so
// the hash is taken over the bytes just appended to `out` instead of a second encoding.
std::string encodeRecordHashed(const Record& record, std::string& out);

// Where an encoding's entity and key are, so that they can be read without decoding it all.
struct EncodedKey {
    std::string_view entity;
    std::string_view key;
};
// Throws crmsync::Error when `encoded` does not start with a record this build wrote.
EncodedKey encodedKey(std::string_view encoded);

}  // namespace crmsync::core
