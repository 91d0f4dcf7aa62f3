#pragma once
// The conflict queue: one row per field both sides changed to different values since the last
// sync. A manual field waits here, open, for a person; every automatic decision is kept too,
// resolved and naming its policy, so a person can see what a policy overwrote and reverse it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

// The `field` of a delete-against-update conflict: the CRM row was deleted while 1C changed
// the object. Its `crm` is none (the row is gone), `onec` the row 1C's record maps to (JSON),
// `base` the last synced snapshot. Taking 1C re-creates the row; taking the CRM keeps the
// delete, which reaches 1C as the object's deletion mark.
inline constexpr const char* kWholeRowField = "(row)";

struct Conflict {
    std::int64_t id = 0;
    std::string entity;
    std::int64_t crm_id = 0;
    std::string onec_key;
    std::string field;  // a CRM column, or "attributes.key" for a key of the JSON column
    // Column text; nullopt is SQL NULL (an empty field).
    std::optional<std::string> base;  // the last value both sides held; none when never synced
    std::optional<std::string> crm;
    std::optional<std::string> onec;
    std::string crm_at;  // when the CRM value was made (the change log), "" when unknown
    std::string crm_origin;
    std::string onec_at;  // 1C's modification time, or when crmsync first saw the value
    std::string onec_origin;
    std::string lineage;  // file:line, or the OData set, key and DataVersion
    std::int64_t run_id = 0;
    std::string opened_at;
    std::string updated_at;
    std::string status;  // "open" or "resolved"
    std::string policy;  // the policy of the field; "person" once a person decided
    std::optional<std::string> resolution;  // the value chosen
    std::string resolved_by;                // "policy" or the person's name
    std::string resolved_at;
    std::string comment;
};

// Inside the transaction of the batch that meets the conflict. Throws like CrmRows.
class ConflictLog {
public:
    virtual ~ConflictLog() = default;
    // The newest conflict of one field of a row, open or not.
    virtual std::optional<Conflict> latest(const std::string& entity, std::int64_t crm_id,
                                           const std::string& field) = 0;
    // Adds `conflict` as it is (open, or resolved by a policy); returns its id. A second open
    // conflict of the same field is refused by the database.
    virtual std::int64_t add(const Conflict& conflict) = 0;
    // New values of an open conflict: the field changed again while it waited.
    virtual void update(const Conflict& conflict) = 0;
    // Settles conflict `id` (open or resolved: a person may reverse a policy) with `value`.
    virtual void resolve(std::int64_t id, const std::optional<std::string>& value,
                         const std::string& policy, const std::string& by,
                         const std::string& comment) = 0;
    // The fields of `entity` row `crm_id` with an open conflict: the push leaves them alone.
    virtual std::vector<std::string> openFields(const std::string& entity,
                                                std::int64_t crm_id) = 0;
};

struct ConflictQuery {
    std::optional<std::string> status;  // none: all
    std::optional<std::string> entity;
};

class ConflictReader {
public:
    virtual ~ConflictReader() = default;
    // Oldest first.
    virtual std::vector<Conflict> list(const ConflictQuery& query) = 0;
    virtual std::optional<Conflict> find(std::int64_t id) = 0;
};

}  // namespace crmsync::core
