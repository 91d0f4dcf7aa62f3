#include "app/web/journal_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "app/web/json_fields.h"

namespace crmsync::app::web {

std::string journalActor(const core::JournalRow& row) {
    if (!row.actor.empty() || row.origin != "person") {
        return row.actor;
    }
    try {
        Poco::JSON::Parser parser;
        auto after = parser.parse(row.after).extract<Poco::JSON::Object::Ptr>();
        if (after && after->has("by") && after->get("by").isString()) {
            return after->getValue<std::string>("by");
        }
    } catch (const Poco::Exception&) {
        // Not an object: the lineage may still name the person.
    }
    const std::string marker = " by ";
    auto at = row.lineage.find(marker);
    if (at == std::string::npos) {
        return "";
    }
    std::string name = row.lineage.substr(at + marker.size());
    return name.substr(0, name.find(": "));
}

std::string journalRowJson(const core::JournalRow& row) {
    return JsonFields()
        .number("seq", row.seq)
        .text("at", row.at)
        .number("run", row.run_id)
        .text("entity", row.entity)
        .text("onec_key", row.onec_key)
        .number("crm_key", row.crm_id)
        .text("origin", row.origin)
        .text("op", row.op)
        .raw("before", row.before.empty() ? "{}" : row.before)
        .raw("after", row.after.empty() ? "{}" : row.after)
        .text("policy", row.policy)
        .text("mapping_version", row.mapping_version)
        .text("lineage", row.lineage)
        .text("by", journalActor(row))
        .done();
}

}  // namespace crmsync::app::web
