#pragma once
// A person's action through the API that is not a change of a record — signing in and out,
// replaying a quarantined record — as a journal row of its own (origin "person", the actor
// their name), so that the journal answers "who did what, when" for everything done by hand.
// Changes of records (a resolved conflict, an outbox decision) are journaled by the engine in
// the transaction that makes them.
#include <string>

#include "crmcore/crm_store.h"

namespace crmsync::app::web {

struct PersonAction {
    std::string actor;     // the user or API token name
    std::string op;        // "sign-in", "sign-out", "quarantine-replay", ...
    std::string entity;    // what it was about, "" when nothing in particular
    std::string onec_key;
    std::int64_t run_id = 0;  // the run it started, 0 for none
    std::string after = "{}";  // JSON object: what was asked or decided
    std::string lineage;       // e.g. "web 127.0.0.1"
};

// Appends the row in a transaction of its own. Throws crmsync::Error for database failures.
void journalPersonAction(core::CrmStore& store, const PersonAction& action);

}  // namespace crmsync::app::web
