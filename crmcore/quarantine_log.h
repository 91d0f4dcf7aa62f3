#pragma once
// Quarantine of refused records: written inside the batch's transaction (QuarantineLog), read
// outside any (QuarantineReader).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crmcore/quarantine_entry.h"

namespace crmsync::core {

class QuarantineLog {
public:
    virtual ~QuarantineLog() = default;
    // Records a refused record. Returns false, writing nothing, when an open entry for the same
    // entity, key and content hash exists: 1C re-sends the same bad record at every exchange.
    virtual bool add(const QuarantineEntry& entry) = 0;
    // Closes the open entries of a key that `run_id` has now applied.
    virtual void resolve(const std::string& entity, const std::string& onec_key,
                         std::int64_t run_id) = 0;
};

class QuarantineReader {
public:
    virtual ~QuarantineReader() = default;
    // Every entry, or those of one run, oldest first.
    virtual std::vector<QuarantineRow> list(std::optional<std::int64_t> run_id) = 0;
    virtual std::optional<QuarantineRow> find(std::int64_t id) = 0;
    // (entity, 1C key) of every open entry: usually few, so the engine keeps them in memory
    // and pays for resolution only on those keys.
    virtual std::vector<std::pair<std::string, std::string>> openKeys() = 0;
};

}  // namespace crmsync::core
