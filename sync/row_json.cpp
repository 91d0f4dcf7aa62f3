#include "sync/row_json.h"

#include "crmcore/record.h"

namespace crmsync::sync {

std::string rowToJson(const core::Row& row, bool skip_nulls) {
    std::string out = "{";
    bool first = true;
    for (const auto& cv : row) {
        if (skip_nulls && !cv.text) {
            continue;
        }
        if (!first) {
            out.push_back(',');
        }
        first = false;
        core::appendJsonString(out, cv.column);
        out.push_back(':');
        if (cv.text) {
            core::appendJsonString(out, *cv.text);
        } else {
            out += "null";
        }
    }
    out.push_back('}');
    return out;
}

RowChange diffRows(const core::Row& current, const core::Row& incoming) {
    RowChange change;
    for (const auto& cv : incoming) {
        const core::ColumnValue* stored = core::findColumn(current, cv.column);
        std::optional<std::string> before = stored != nullptr ? stored->text : std::nullopt;
        if (before != cv.text) {
            change.before.push_back({cv.column, before});
            change.changed.push_back(cv);
        }
    }
    return change;
}

core::Row overlay(core::Row current, const core::Row& incoming) {
    for (const auto& cv : incoming) {
        bool found = false;
        for (auto& existing : current) {
            if (existing.column == cv.column) {
                existing.text = cv.text;
                found = true;
                break;
            }
        }
        if (!found) {
            current.push_back(cv);
        }
    }
    return current;
}

}  // namespace crmsync::sync
