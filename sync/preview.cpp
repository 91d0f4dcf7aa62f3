#include "sync/preview.h"

#include <map>
#include <set>

#include "sync/incoming_row.h"
#include "sync/row_json.h"
#include "sync/row_matcher.h"

namespace crmsync::sync {

namespace {

// Collects records until the limit, then stops the source by throwing: a RecordSource has no
// other way to be told "enough".
class FirstRecords : public core::RecordSink {
public:
    struct Enough {};

    FirstRecords(std::vector<core::Record>& out, std::size_t limit) : out_(out), limit_(limit) {}

    void beginPackage(const core::PackageInfo&) override {}
    void endPackage(const core::PackageInfo&) override {}
    void record(core::Record&& record) override {
        out_.push_back(std::move(record));
        if (out_.size() >= limit_) {
            throw Enough{};
        }
    }

private:
    std::vector<core::Record>& out_;
    std::size_t limit_;
};

// Resolves references through the bindings, like the importer, and to a placeholder id for
// records the preview would insert earlier in the same input. Placeholders are negative, so
// they never collide with a CRM id.
class PreviewReferences : public mapping::ReferenceResolver {
public:
    explicit PreviewReferences(core::CrmTransaction& tx) : tx_(tx) {}

    std::optional<std::int64_t> crmId(const std::string& entity,
                                      const std::string& onec_key) override {
        if (auto binding = tx_.bindings().find(entity, onec_key)) {
            return binding->crm_id;
        }
        auto it = pending_.find({entity, onec_key});
        if (it == pending_.end()) {
            return std::nullopt;
        }
        return it->second;
    }

    // Rows the preview would insert are not in the database, so a lookup cannot find them.
    std::vector<std::int64_t> lookupIds(const core::EntitySpec& entity,
                                        const core::Row& match) override {
        return tx_.rows().findIds(entity, match);
    }

    void addPending(const std::string& entity, const std::string& onec_key) {
        std::int64_t placeholder = -static_cast<std::int64_t>(pending_.size()) - 1;
        if (pending_.emplace(std::make_pair(entity, onec_key), placeholder).second) {
            placeholder_texts_.insert(std::to_string(placeholder));
        }
    }

    // Reference columns that point at a pending record show kNewFromInput instead of the id
    // (a reference kept inside a JSON attributes column shows the negative placeholder).
    void markPending(const mapping::EntityMapping& rules, core::Row& row) const {
        for (const auto& rule : rules.fields) {
            if (rule.reference_entity.empty() || !rule.attribute.empty()) {
                continue;
            }
            for (auto& cv : row) {
                if (cv.column == rule.column->name && cv.text &&
                    placeholder_texts_.count(*cv.text) != 0) {
                    cv.text = std::string(kNewFromInput);
                }
            }
        }
    }

private:
    core::CrmTransaction& tx_;
    std::map<std::pair<std::string, std::string>, std::int64_t> pending_;
    std::set<std::string> placeholder_texts_;
};

std::string orNull(const std::optional<std::string>& text) { return text ? *text : "NULL"; }

PreviewedRecord preview(core::CrmTransaction& tx, const mapping::Mapping& mapping,
                        PreviewReferences& references, core::Record record) {
    PreviewedRecord out;
    auto incoming = mapIncoming(mapping, record, references);
    out.record = std::move(record);
    if (!incoming.ok()) {
        out.refusal = incoming.error().describe();
        return out;
    }
    const core::EntitySpec& spec = *incoming.value().spec;
    out.mapped = std::move(incoming.value().row);
    references.markPending(*incoming.value().rules, out.mapped);

    auto binding = tx.bindings().find(out.record.entity, out.record.key);
    std::optional<std::int64_t> linked;
    if (!binding) {
        auto matched = matchExistingRow(tx, *incoming.value().rules, out.mapped);
        if (!matched.ok()) {
            out.refusal = matched.error().describe();
            return out;
        }
        linked = matched.value();
    }
    if (!binding && !linked) {
        out.action = PreviewAction::Insert;
        references.addPending(out.record.entity, out.record.key);
        return out;
    }
    out.crm_id = binding ? binding->crm_id : *linked;
    RowChange change = diffRows(tx.rows().read(spec, out.crm_id), out.mapped);
    for (std::size_t i = 0; i < change.changed.size(); ++i) {
        out.changes.push_back(
            {change.changed[i].column, change.before[i].text, change.changed[i].text});
    }
    out.action = linked                ? PreviewAction::Link
                 : out.changes.empty() ? PreviewAction::Unchanged
                                       : PreviewAction::Update;
    return out;
}

}  // namespace

std::string_view previewActionName(PreviewAction action) {
    switch (action) {
        case PreviewAction::Insert:
            return "insert";
        case PreviewAction::Update:
            return "update";
        case PreviewAction::Unchanged:
            return "unchanged";
        case PreviewAction::Link:
            return "link";
        case PreviewAction::Refused:
            return "refused";
    }
    return "refused";
}

std::string ColumnChange::describe() const {
    return column + ": " + orNull(before) + " → " + orNull(after);
}

std::vector<core::Record> readFirstRecords(
    const std::vector<std::unique_ptr<core::RecordSource>>& sources, std::size_t limit) {
    std::vector<core::Record> records;
    if (limit == 0) {
        return records;
    }
    FirstRecords sink(records, limit);
    for (const auto& source : sources) {
        try {
            source->read(sink);
        } catch (const FirstRecords::Enough&) {
            break;
        }
    }
    return records;
}

std::vector<PreviewedRecord> previewRecords(core::CrmStore& store, const mapping::Mapping& mapping,
                                            std::vector<core::Record> records) {
    std::vector<PreviewedRecord> previews;
    previews.reserve(records.size());
    // Never committed: destroying it rolls back, and nothing is written to roll back anyway.
    auto tx = store.begin();
    PreviewReferences references(*tx);
    for (auto& record : records) {
        previews.push_back(preview(*tx, mapping, references, std::move(record)));
    }
    return previews;
}

}  // namespace crmsync::sync
