#include "sync/preview_json.h"

#include "crmcore/record.h"
#include "sync/row_json.h"

namespace crmsync::sync {

namespace {

void appendJsonText(std::string& out, const std::optional<std::string>& text) {
    if (text) {
        core::appendJsonString(out, *text);
    } else {
        out += "null";
    }
}

}  // namespace

std::string previewedRecordJson(const PreviewedRecord& preview) {
    const core::Record& record = preview.record;
    std::string out = "{\"entity\":";
    core::appendJsonString(out, record.entity);
    out += ",\"onec_key\":";
    core::appendJsonString(out, record.key);
    out += ",\"origin\":";
    core::appendJsonString(out, record.origin.file + ":" + std::to_string(record.origin.line));
    out += ",\"source\":" + core::toJson(record.fields);
    out += ",\"mapped\":" + rowToJson(preview.mapped);
    out += ",\"action\":";
    core::appendJsonString(out, previewActionName(preview.action));
    out += ",\"crm_id\":" + (preview.crm_id != 0 ? std::to_string(preview.crm_id) : "null");
    out += ",\"changes\":[";
    for (std::size_t i = 0; i < preview.changes.size(); ++i) {
        const auto& change = preview.changes[i];
        out += i == 0 ? "{\"column\":" : ",{\"column\":";
        core::appendJsonString(out, change.column);
        out += ",\"before\":";
        appendJsonText(out, change.before);
        out += ",\"after\":";
        appendJsonText(out, change.after);
        out += "}";
    }
    out += "],\"reason\":";
    appendJsonText(out, preview.action == PreviewAction::Refused
                            ? std::optional<std::string>(preview.refusal)
                            : std::nullopt);
    return out + "}";
}

}  // namespace crmsync::sync
