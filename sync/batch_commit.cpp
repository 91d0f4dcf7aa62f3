#include "sync/batch_commit.h"

#include "crmcore/error.h"
#include "crmcore/logging.h"

namespace crmsync::sync {

namespace {

void commitWhole(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch) {
    auto tx = store.begin();
    applier.prefetch(*tx, batch);
    for (const auto& record : batch) {
        applier.apply(*tx, record);
    }
    tx->commit();
    applier.batchCommitted();
}

}  // namespace

void commitBatch(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch) {
    if (batch.empty()) {
        return;
    }
    try {
        commitWhole(store, applier, batch);
        return;
    } catch (const DataRefused& e) {
        applier.forgetUncommitted();
        const core::Record& first = batch.front().record;
        if (batch.size() == 1) {
            auto tx = store.begin();
            applier.quarantine(*tx, batch.front(), e.what());
            tx->commit();
            applier.batchCommitted();
            return;
        }
        const core::Record& last = batch.back().record;
        core::logger("sync")->warn(
            "run={} the database refused a batch of {} records ({} {} .. {} {}), nothing of it "
            "applied; applying it in halves to find the record: {}",
            applier.runId(), batch.size(), first.entity, first.key, last.entity, last.key,
            e.what());
    }
    const std::size_t half = batch.size() / 2;
    commitBatch(store, applier, batch.first(half));
    commitBatch(store, applier, batch.subspan(half));
}

}  // namespace crmsync::sync
