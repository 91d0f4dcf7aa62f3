#include "sync/quarantine_replay.h"

#include <memory>
#include <utility>
#include <vector>

#include "crmcore/error.h"
#include "crmcore/json_reader.h"
#include "crmcore/logging.h"
#include "sync/preview.h"

namespace crmsync::sync {

namespace {

// The one record of a replay, as a source of its own: a package that only changes, so that
// nothing is deactivated for not being in it.
class ReplaySource final : public core::RecordSource {
public:
    explicit ReplaySource(core::Record record) : record_(std::move(record)) {}

    std::string name() const override { return "quarantine replay"; }
    bool canReadAhead() const override { return true; }

    void read(core::RecordSink& sink) override {
        core::PackageInfo package;
        package.kind = "replay";
        package.changes_only = true;
        package.entities = {record_.entity};
        package.origin = record_.origin;
        sink.beginPackage(package);
        sink.record(core::Record(record_));
        sink.endPackage(package);
    }

private:
    const core::Record record_;
};

}  // namespace

core::Record quarantinedRecord(const core::QuarantineRow& entry) {
    const std::string where = "quarantine entry " + std::to_string(entry.id);
    auto parsed = core::parseJson(entry.record_json);
    if (!parsed || !std::holds_alternative<core::Nested>(parsed->data)) {
        throw InputError(where, 0, "the stored record is not a JSON object of fields");
    }
    core::Record record;
    record.entity = entry.entity;
    record.key = entry.onec_key;
    record.fields = std::get<core::Nested>(std::move(parsed->data));
    record.origin = {entry.source_file, entry.source_line};
    return record;
}

ReplayOutcome replayQuarantined(core::CrmStore& store, const mapping::Mapping& mapping,
                                const core::QuarantineRow& entry, ImportOptions options) {
    core::Record record = quarantinedRecord(entry);
    std::vector<std::unique_ptr<core::RecordSource>> sources;
    sources.push_back(std::make_unique<ReplaySource>(record));
    Importer importer(store, mapping, std::move(options));
    ImportReport report = importer.run("replay", sources);

    ReplayOutcome outcome;
    outcome.run_id = report.run_id;
    auto now = store.quarantine().find(entry.id);
    outcome.applied = now && now->resolved_run_id.has_value();
    if (!outcome.applied) {
        if (!report.ok && !report.sources.empty() && !report.sources.front().error.empty()) {
            outcome.reason = report.sources.front().error;
        } else {
            // The import keeps the open entry as it was (the same record is not quarantined
            // twice), so the reason of today's refusal comes from evaluating it once more.
            auto previews = previewRecords(store, mapping, {record});
            outcome.reason = previews.empty() || previews.front().refusal.empty()
                                 ? entry.reason
                                 : previews.front().refusal;
        }
    }
    core::logger("sync")->info("run={} entity={} key={} quarantine entry {} replayed: {}",
                               outcome.run_id, entry.entity, entry.onec_key, entry.id,
                               outcome.applied ? "applied" : "still refused: " + outcome.reason);
    return outcome;
}

}  // namespace crmsync::sync
