#pragma once
// A record crmsync refused, kept as received with where it came from and why.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace crmsync::core {

struct QuarantineEntry {
    std::int64_t run_id = 0;
    std::string entity;
    std::string onec_key;
    std::string source_file;
    std::size_t source_line = 0;
    std::string reason;
    std::string record_json;   // the record as received
    std::string content_hash;  // core::contentHash of that record
};

struct QuarantineRow : QuarantineEntry {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> resolved_run_id;  // the run that applied the key; nullopt: open
};

}  // namespace crmsync::core
