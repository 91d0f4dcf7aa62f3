#include "sync/incoming_row.h"

namespace crmsync::sync {

namespace {

// crmsync never deletes: a deletion mark from 1C makes the CRM row inactive.
std::string activeFlag(const core::Row& row) {
    const auto* mark = core::findColumn(row, "deletion_mark");
    return mark != nullptr && mark->text == "1" ? "0" : "1";
}

}  // namespace

core::Result<IncomingRow> mapIncoming(const mapping::Mapping& mapping, const core::Record& record,
                                      mapping::ReferenceResolver& references) {
    const mapping::EntityMapping* rules = mapping.find(record.entity);
    if (rules == nullptr) {
        return core::RecordError{"", "no mapping for entity '" + record.entity + "'"};
    }
    if (record.key.empty()) {
        return core::RecordError{"", "record has no 1C id"};
    }
    auto mapped = mapping::mapForward(*rules, record, references);
    if (!mapped.ok()) {
        return mapped.error();
    }
    // The mapping's spec: it has the admin-added columns the rules write.
    IncomingRow incoming{rules->spec, rules, std::move(mapped.value())};
    // on-delete="ignore": 1C's deletion mark stays in 1C (the CRM row keeps its own state).
    incoming.row.push_back({"active", rules->on_delete == mapping::OnDelete::Ignore
                                          ? std::string("1")
                                          : activeFlag(incoming.row)});
    return incoming;
}

}  // namespace crmsync::sync
