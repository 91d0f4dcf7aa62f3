#include "sync/row_matcher.h"

#include <algorithm>

#include "mapping/forward_mapper.h"

namespace crmsync::sync {

core::Result<std::optional<std::int64_t>> matchExistingRow(core::CrmTransaction& tx,
                                                           const mapping::EntityMapping& rules,
                                                           const core::Row& mapped) {
    using Found = std::optional<std::int64_t>;
    if (rules.match_columns.empty()) {
        return Found();
    }
    core::Row match;
    for (const core::ColumnSpec* column : rules.match_columns) {
        const core::ColumnValue* value = core::findColumn(mapped, column->name);
        if (value == nullptr) {
            return Found();  // a changes-only record without the value: nothing to match by
        }
        match.push_back(*value);
    }
    if (std::all_of(match.begin(), match.end(), [](const auto& cv) { return !cv.text; })) {
        return Found();
    }
    std::vector<std::int64_t> ids = tx.rows().findIds(*rules.spec, match);
    if (ids.empty()) {
        return Found();
    }
    const std::string values = mapping::describeMatch(match);
    if (ids.size() > 1) {
        return core::RecordError{"", "ambiguous match: " + std::to_string(ids.size()) + " " +
                                         rules.entity + " rows with " + values};
    }
    if (auto bound = tx.bindings().findOfRow(rules.entity, ids.front())) {
        return core::RecordError{"", "matches " + rules.entity + " id " +
                                         std::to_string(ids.front()) + " (" + values +
                                         "), which is already bound to 1C key '" +
                                         bound->onec_key + "'"};
    }
    return Found(ids.front());
}

}  // namespace crmsync::sync
