#pragma once
// What an import would do to the CRM database now, record by record, without writing anything:
// the engine side of `crmsync mapping preview`. Records are mapped as the importer maps them
// (sync::mapIncoming, i.e. mapping::mapForward) and compared with the stored rows through the
// bindings as the importer compares them (diffRows), inside a transaction that is never
// committed.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmcore/crm_store.h"
#include "crmcore/record.h"
#include "crmcore/record_source.h"
#include "mapping/entity_mapping.h"

namespace crmsync::sync {

// Shown in place of the CRM id of a record that comes earlier in the previewed input but is
// not in the database yet: the import would insert it first and refer to its new id.
inline constexpr std::string_view kNewFromInput = "(new, from this input)";

// Link: the 1C key is new, but the entity's match rule finds the CRM row it would be bound to
// (and updated, when `changes` is not empty).
enum class PreviewAction { Insert, Update, Unchanged, Link, Refused };

// "insert", "update", "unchanged", "link", "refused".
std::string_view previewActionName(PreviewAction action);

struct ColumnChange {
    std::string column;
    std::optional<std::string> before;  // nullopt: NULL
    std::optional<std::string> after;

    // "column: before → after", NULL for a missing value.
    std::string describe() const;
};

struct PreviewedRecord {
    core::Record record;  // as read: entity, 1C key, origin and the source fields
    core::Row mapped;     // the CRM values the import would write; empty when refused
    PreviewAction action = PreviewAction::Refused;
    std::int64_t crm_id = 0;            // the bound row, for Update, Unchanged and Link
    std::vector<ColumnChange> changes;  // for Update and Link, in mapping order
    std::string refusal;                // for Refused: the reason quarantine would record
};

// The first `limit` records the sources produce, in order; stops reading there, so a preview
// of a 1 GB file costs only what it shows. Throws crmsync::InputError for unreadable input.
std::vector<core::Record> readFirstRecords(
    const std::vector<std::unique_ptr<core::RecordSource>>& sources, std::size_t limit);

// Evaluates `records` in order against the database as it is now. Only reads: the one
// transaction it opens is rolled back. Throws for database failures.
std::vector<PreviewedRecord> previewRecords(core::CrmStore& store, const mapping::Mapping& mapping,
                                            std::vector<core::Record> records);

}  // namespace crmsync::sync
