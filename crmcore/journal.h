#pragma once
// The change journal: appended inside the transaction whose change it records, read by the
// CLI and (later) the API. Rows are composed by the engine (sync/); the store only keeps them.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "crmcore/journal_entry.h"

namespace crmsync::core {

class JournalAppender {
public:
    virtual ~JournalAppender() = default;
    // Adds a row to the transaction; it is stored when the transaction commits, with it.
    virtual void append(const JournalEntry& entry) = 0;
};

class JournalReader {
public:
    virtual ~JournalReader() = default;
    // The rows matching `query`, in sequence order. `visit` may call the store again.
    virtual void read(const JournalQuery& query,
                      const std::function<void(const JournalRow&)>& visit) = 0;
    // (entity, time of its newest row) for every entity with rows, by entity: how long since
    // anything of it changed (the API's health); a person's sign-in is no entity's. Reads a
    // row per entity, kept by the transactions that journal, not the journal itself.
    virtual std::vector<std::pair<std::string, std::string>> lastChangePerEntity() = 0;
};

}  // namespace crmsync::core
