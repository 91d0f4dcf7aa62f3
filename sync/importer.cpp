#include "sync/importer.h"

#include <algorithm>

#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "sync/batch_applier.h"
#include "sync/change_filter.h"
#include "sync/deactivator.h"
#include "sync/pass_one.h"
#include "sync/read_ahead.h"
#include "sync/record_spool.h"
#include "sync/source_prefetch.h"

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
    ImportReport report;
    report.run_id = store_.startRun(kind, input);
    auto log = core::logger("sync");
    log->info("run={} {} started: {}", report.run_id, kind, input);
    std::string error;
    // The source after the one being imported, read meanwhile when it can be (a file).
    std::unique_ptr<SourcePrefetch> next;
    std::vector<std::string> written_before;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::unique_ptr<SourcePrefetch> prefetched = std::move(next);
        if (i + 1 < sources.size() && sources[i + 1]->canReadAhead()) {
            next = std::make_unique<SourcePrefetch>(*sources[i + 1], options_.spool_dir,
                                                    mapping_.version);
        }
        SourceOutcome outcome = importSource(report.run_id, *sources[i], prefetched.get(),
                                             written_before, next.get());
        written_before = outcome.written_entities;
        report.totals += outcome.counts;
        report.sources.push_back(outcome);
        if (!outcome.ok) {
            report.ok = false;
            error = outcome.error;
            break;
        }
    }
    store_.finishRun(report.run_id, report.ok ? "succeeded" : "failed", report.totals, error);
    log->info("run={} {} {}: read={} inserted={} updated={} unchanged={} deactivated={} "
              "quarantined={}",
              report.run_id, kind, report.ok ? "succeeded" : "failed", report.totals.read,
              report.totals.inserted, report.totals.updated, report.totals.unchanged,
              report.totals.deactivated, report.totals.quarantined);
    return report;
}

SourceOutcome Importer::importSource(std::int64_t run_id, core::RecordSource& source) {
    return importSource(run_id, source, nullptr, {}, nullptr);
}

std::unique_ptr<core::CrmStore> Importer::openLookupStore() const {
    if (!options_.open_lookup_store) {
        return nullptr;
    }
    try {
        return options_.open_lookup_store();
    } catch (const std::exception& e) {
        core::logger("sync")->warn("no second connection for filtering the next file ahead: {}",
                                   e.what());
        return nullptr;
    }
}

namespace {

bool shareAny(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& entity) {
        return std::find(b.begin(), b.end(), entity) != b.end();
    });
}

}  // namespace

SourceOutcome Importer::importSource(std::int64_t run_id, core::RecordSource& source,
                                     SourcePrefetch* prefetched,
                                     const std::vector<std::string>& written_before,
                                     SourcePrefetch* following) {
    auto log = core::logger("sync");
    SourceOutcome outcome;
    outcome.source = source.name();

    std::unique_ptr<PassOne> pass;
    if (prefetched != nullptr) {
        pass = prefetched->takePassOne();
        if (pass && shareAny(pass->filter.entities(), written_before)) {
            // The file before wrote bindings this pass one looked up: its answers may be stale.
            pass.reset();
        }
    }
    outcome.filtered_ahead = pass != nullptr;
    if (!pass) {
        pass = std::make_unique<PassOne>(store_, options_.spool_dir, options_.lookup_batch,
                                         mapping_.version);
        try {
            if (prefetched != nullptr) {
                prefetched->replay(pass->filter);
            } else {
                source.prepare();
                readAhead(source, pass->filter);
            }
            pass->filter.finish();
        } catch (const InputError& e) {
            outcome.error = e.what();
            outcome.counts.read = pass->filter.read();
            log->error("run={} source={} refused, nothing applied: {}", run_id, outcome.source,
                       e.what());
            return outcome;
        }
    }
    ChangeFilter& filter = pass->filter;
    RecordSpool& spool = pass->spool;
    outcome.counts.read = filter.read();
    outcome.written_entities = filter.spooledEntities();
    if (following != nullptr && spool.size() >= options_.filter_ahead_after) {
        // This file's records keep the engine thread on the database for a while, and the
        // reading of the next file is done or nearly: its pass one can use the other core.
        if (auto lookups = openLookupStore()) {
            following->filterAhead(std::move(lookups), options_.lookup_batch);
        }
    }

    BatchApplier applier(ApplyContext{run_id, "1c", &mapping_, &pass->quarantined});
    try {
        spool.rewind();
        bool more = true;
        while (more) {
            if (options_.should_stop && options_.should_stop()) {
                throw Error("stopped before the end because crmsync is shutting down");
            }
            auto tx = store_.begin();
            std::size_t in_batch = 0;
            while (in_batch < options_.batch_size) {
                auto record = spool.next();
                if (!record) {
                    more = false;
                    break;
                }
                applier.apply(*tx, *record);
                ++in_batch;
            }
            tx->commit();
            applier.batchCommitted();
        }
        auto tx = store_.begin();
        for (const auto& package : filter.completedPackages()) {
            std::int64_t deactivated = deactivateMissing(*tx, package, run_id, mapping_.version);
            outcome.counts.deactivated += deactivated;
            if (deactivated > 0) {
                for (const auto& [entity, keys] : package.seen) {
                    outcome.written_entities.push_back(entity);
                }
            }
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
              "quarantined={}{}",
              run_id, outcome.source, outcome.counts.read, outcome.counts.inserted,
              outcome.counts.updated, outcome.counts.unchanged, outcome.counts.deactivated,
              outcome.counts.quarantined, outcome.filtered_ahead ? " (filtered ahead)" : "");
    return outcome;
}

}  // namespace crmsync::sync
