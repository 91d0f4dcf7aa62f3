#pragma once
// The change journal's rows: one per change crmsync applied or decision it took.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace crmsync::core {

struct JournalEntry {
    std::int64_t run_id = 0;
    std::string entity;
    std::string onec_key;
    std::int64_t crm_id = 0;
    std::string origin;  // "1c", "crm" or "person"
    // "insert", "update", "link" (a new 1C key bound to an existing row), "deactivate",
    // "export" and "ack" (an order sent to 1C and acknowledged by it), "merge" (a record that
    // took fields from 1C while the CRM kept its own changes to others), "conflict" (a field
    // parked for a person, opened or updated), "resolve" (a conflict settled by a policy,
    // origin the winning side, or by a person, origin "person"), "dead-letter" (an outbox
    // message 1C kept refusing), "outbox-retry" and "outbox-drop" (a person replayed or dropped
    // one) and "delete" (a CRM deletion marked in 1C)
    std::string op;
    std::string before;  // JSON object of the changed columns before ("{}" for an insert)
    std::string after;   // JSON object of the changed columns after
    std::string policy;  // conflict policy applied, "" when there was no conflict
    std::string mapping_version;
    std::string lineage;  // "file:line", or the URL and version it came from
    std::string actor;    // the person (user or API token name) for origin "person", else ""
};

struct JournalRow : JournalEntry {
    std::int64_t seq = 0;
    std::string at;  // UTC, "YYYY-MM-DDThh:mm:ss.mmmZ"
};

// Every filter that is set must hold.
struct JournalQuery {
    std::optional<std::string> entity;
    std::optional<std::string> onec_key;
    std::optional<std::int64_t> run_id;
    std::optional<std::string> origin;  // "1c", "crm", "person"
    std::optional<std::string> op;      // "insert", "update", ...
    // UTC, "YYYY-MM-DDThh:mm:ss.mmmZ" (as JournalRow::at): rows at or after `since`, before
    // `until`.
    std::optional<std::string> since;
    std::optional<std::string> until;
    std::optional<std::int64_t> crm_id;  // rows of one CRM row (with `entity`)
    std::optional<std::string> actor;    // rows of one person's actions
    // Paging (the HTTP API): rows after sequence `after_seq`, at most `limit` (0: all).
    std::int64_t after_seq = 0;
    std::size_t limit = 0;
};

}  // namespace crmsync::core
