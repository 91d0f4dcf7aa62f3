#pragma once
// A person settles a conflict of the queue — an open one, or one a policy decided, to reverse
// it. The chosen value is written into the CRM row at once (one transaction with the queue
// and the journal row, origin "person"); it reaches 1C at the next exchange (the OData push,
// or the next mode=query for an order), after which it is the new merge base.
#include <cstdint>
#include <optional>
#include <string>

#include "crmcore/crm_store.h"

namespace crmsync::sync {

struct Resolution {
    enum class Take { Crm, OneC, Value };
    Take take = Take::Crm;
    std::string value;  // for Take::Value, as a person types it
    std::string by;     // the person
    std::string comment;
};

// Returns the conflict as it now stands. Throws crmsync::Error naming the id when there is no
// such conflict, and for a database failure (then nothing changed).
core::Conflict resolveConflict(core::CrmStore& store, std::int64_t id,
                               const Resolution& resolution);

}  // namespace crmsync::sync
