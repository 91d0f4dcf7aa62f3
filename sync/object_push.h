#pragma once
// Pushing CRM changes into 1C object sets (the OData interface) through the mapping's reverse
// rules: counterparties, customer orders with their lines, anything mapped `both` or `to-1c`.
//
// What is pushed comes from the outbox (crmcore/outbox.h, consumer "odata"): the rows the CRM
// changed, and those crmsync kept a CRM value of that 1C does not have. An entity's first push
// queues every row of its table once. A row is pushed when it was never exchanged (created in
// 1C) or when what its reverse rules give now differs from what they gave for the snapshot the
// binding remembers (only the properties that differ are sent; a changed line sends the whole
// tabular section, as 1C replaces it whole); a CRM deactivation sets 1C's DeletionMark, and a
// row deleted in the CRM marks its 1C object, unless the entity says on-delete="ignore". Every
// 1C write is followed at once by its own small transaction that binds the row, journals the
// change (origin "crm") and settles the row's messages, so a crash loses at most the binding
// of one object — which the next push, or the pull before it, finds again by the crm-id mark.
// An object 1C refuses keeps its messages, tried again with backoff and after
// DeliveryPolicy::max_attempts a dead letter (journal op "dead-letter"), holding up nothing
// but that object.
//
// A create whose answer is lost is never simply repeated: the push first looks for an object
// that carries the row's CRM id in the mapping's crm-id-property, and adopts it if 1C did
// commit the create. Updates carry If-Match with the DataVersion last seen; when 1C's object
// changed since, the push leaves it for the next pull, which merges 1C's change field by field
// (counted as a conflict; the message stays due). A pushed object's
// version is not remembered, so the next pull reads it back with what 1C added (the document
// number, posting, totals); an update made before that pull cannot carry If-Match.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"
#include "crmcore/object_set_writer.h"
#include "mapping/entity_mapping.h"
#include "sync/outbox_delivery.h"

namespace crmsync::sync {

struct PushOptions {
    // Journal entity names to push; empty = every OData entity the mapping writes to 1C.
    std::vector<std::string> entities;
    bool post_documents = true;  // post Document_ objects after each write, as a clerk would
    int create_attempts = 3;     // creates tried per object while answers get lost
    // Asked before each object (may be empty): true ends the run there, as "stopped"; the
    // objects pushed so far stay pushed and bound.
    std::function<bool()> should_stop;
    // When an object 1C refuses is tried again, and when it becomes a dead letter.
    DeliveryPolicy delivery;
};

struct EntityPushStats {
    std::string entity;
    std::size_t messages = 0;         // outbox messages read
    std::size_t queued_at_start = 0;  // rows queued by this entity's first push (all of them)
    std::size_t examined = 0;         // objects read from the CRM
    std::size_t deleted = 0;          // CRM deletions marked in 1C
    std::size_t dead = 0;             // messages that became dead letters
    std::size_t created = 0;
    std::size_t adopted = 0;  // found in 1C by the CRM id after a lost answer
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t conflicts = 0;
    std::size_t failed = 0;
};

struct PushFailure {
    std::string entity;
    std::int64_t crm_id = 0;
    std::string message;
};

struct PushReport {
    std::int64_t run_id = 0;
    bool ok = true;     // no object failed and the run was not stopped
    std::string error;  // why the run stopped, when it did
    std::vector<EntityPushStats> entities;
    std::vector<PushFailure> failures;
    std::uint64_t requests = 0;
};

// One run of kind "odata-push". An object 1C refuses is recorded and the push goes on; 1C
// unreachable or refusing the login stops the run. Throws crmsync::Error for entities the
// mapping does not push.
PushReport pushToOneC(core::CrmStore& store, const mapping::Mapping& mapping,
                      core::ObjectSetWriter& writer, const PushOptions& options);

}  // namespace crmsync::sync
