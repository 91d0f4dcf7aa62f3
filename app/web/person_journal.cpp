#include "app/web/person_journal.h"

namespace crmsync::app::web {

void journalPersonAction(core::CrmStore& store, const PersonAction& action) {
    core::JournalEntry entry;
    entry.run_id = action.run_id;
    entry.entity = action.entity;
    entry.onec_key = action.onec_key;
    entry.origin = "person";
    entry.op = action.op;
    entry.before = "{}";
    entry.after = action.after;
    entry.lineage = action.lineage;
    entry.actor = action.actor;
    auto tx = store.begin();
    tx->journal().append(entry);
    tx->commit();
}

}  // namespace crmsync::app::web
