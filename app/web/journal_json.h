#pragma once
// A journal row as the API gives it: the fields of `crmsync journal --json`, plus "by", the
// person who acted (origin "person"), "" for 1C's and the CRM's own changes.
#include <string>

#include "crmcore/journal_entry.h"

namespace crmsync::app::web {

// The person of a row of origin "person": its actor column, or for rows written before that
// column existed (schema 11) the name in the lineage of a resolved conflict ("conflict 7 by
// anna: ...") or in "after" of an outbox decision ({"by": "anna", ...}). "" when none.
std::string journalActor(const core::JournalRow& row);

std::string journalRowJson(const core::JournalRow& row);

}  // namespace crmsync::app::web
