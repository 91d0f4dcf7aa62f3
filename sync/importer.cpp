#include "sync/importer.h"

#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "sync/batch_applier.h"
#include "sync/batch_commit.h"
#include "sync/change_filter.h"
#include "sync/deactivator.h"
#include "sync/pass_one.h"
#include "sync/record_spool.h"
#include "sync/run_scope.h"
#include "sync/source_reader.h"

namespace crmsync::sync {

Importer::Importer(core::CrmStore& store, const mapping::Mapping& mapping, ImportOptions options)
    : store_(store), mapping_(mapping), options_(std::move(options)) {}

ImportReport Importer::run(const std::string& kind,
                           const std::vector<std::unique_ptr<core::RecordSource>>& sources) {
    std::string input;
    for (const auto& source : sources) {
        if (!input.empty()) {
            input += ' ';
        }
        input += source->name();
    }
    RunScope run(store_.runs(), kind, input);
    ImportReport report;
    report.run_id = run.id();
    // The source after the one being imported, read meanwhile when it can be (a file).
    std::unique_ptr<SourceReader> next;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::unique_ptr<SourceReader> reader = std::move(next);
        if (!reader) {
            reader = std::make_unique<SourceReader>(*sources[i], options_.spool_dir,
                                                    mapping_.version);
        }
        if (i + 1 < sources.size() && sources[i + 1]->canReadAhead()) {
            next = std::make_unique<SourceReader>(*sources[i + 1], options_.spool_dir,
                                                  mapping_.version);
        }
        if (options_.on_source) {
            options_.on_source(sources[i]->name(), i + 1, sources.size());
        }
        SourceOutcome outcome = importSource(run.id(), *sources[i], *reader);
        report.totals += outcome.counts;
        report.sources.push_back(outcome);
        if (!outcome.ok) {
            report.ok = false;
            break;
        }
    }
    run.counts() = report.totals;
    if (report.ok) {
        run.succeed();
    } else {
        run.fail(report.sources.back().error);
    }
    return report;
}

SourceOutcome Importer::importSource(std::int64_t run_id, core::RecordSource& source,
                                     SourceReader& reader) {
    auto log = core::logger("sync");
    SourceOutcome outcome;
    outcome.source = source.name();

    PassOne pass(store_, options_.spool_dir, options_.lookup_batch, mapping_.version);
    ChangeFilter& filter = pass.filter;
    RecordSpool& spool = pass.spool;
    try {
        reader.replay(filter);
        filter.finish();
    } catch (const InputError& e) {
        outcome.error = e.what();
        outcome.counts.read = filter.read();
        log->error("run={} source={} refused, nothing applied: {}", run_id, outcome.source,
                   e.what());
        return outcome;
    }
    outcome.counts.read = filter.read();

    BatchApplier applier(ApplyContext{run_id, "1c", &mapping_, &pass.quarantined});
    try {
        spool.rewind();
        applySpool(store_, applier, spool, options_.batch_size, options_.should_stop);
        auto tx = store_.begin();
        for (const auto& package : filter.completedPackages()) {
            outcome.counts.deactivated +=
                deactivateMissing(*tx, package, run_id, mapping_.version);
        }
        tx->commit();
    } catch (const std::exception& e) {
        applier.forgetUncommitted();
        outcome.error = outcome.source + ": " + e.what() +
                        " (committed batches kept; no deactivation for this file)";
        outcome.counts.deactivated = 0;
        log->error("run={} source={} failed while applying: {}", run_id, outcome.source, e.what());
    }
    const ApplyCounts& applied = applier.counts();
    outcome.counts.inserted = applied.inserted;
    outcome.counts.updated = applied.updated;
    outcome.counts.unchanged = filter.unchanged() + applied.unchanged;
    outcome.counts.quarantined = applied.quarantined;
    outcome.ok = outcome.error.empty();
    log->info("run={} source={} read={} inserted={} updated={} unchanged={} deactivated={} "
              "quarantined={}",
              run_id, outcome.source, outcome.counts.read, outcome.counts.inserted,
              outcome.counts.updated, outcome.counts.unchanged, outcome.counts.deactivated,
              outcome.counts.quarantined);
    return outcome;
}

}  // namespace crmsync::sync
