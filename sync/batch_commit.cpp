#include "sync/batch_commit.h"

#include "crmcore/error.h"
#include "crmcore/logging.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace crmsync::sync {

namespace {

void commitWhole(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch) {
    auto tx = store.beginBatch();
    applier.prefetch(*tx, batch);
    for (const auto& record : batch) {
        applier.apply(*tx, record);
    }
    tx->commit();
    applier.batchCommitted();
}

// `batch` was refused whole (`why`), nothing of it applied: a record alone is quarantined,
// a longer batch is applied again in halves.
void splitRefused(core::CrmStore& store, BatchApplier& applier,
                  std::span<const SpooledRecord> batch, const std::string& why) {
    const core::Record& first = batch.front().record;
    if (batch.size() == 1) {
        auto tx = store.beginBatch();
        applier.quarantine(*tx, batch.front(), why);
        tx->commit();
        applier.batchCommitted();
        return;
    }
    const core::Record& last = batch.back().record;
    core::logger("sync")->warn(
        "run={} the database refused a batch of {} records ({} {} .. {} {}), nothing of it "
        "applied; applying it in halves to find the record: {}",
        applier.runId(), batch.size(), first.entity, first.key, last.entity, last.key, why);
    // The refusal may be of a key another writer bound after pass one looked (a key known
    // new is bound without a lookup, and the database refuses the second binding): the
    // halves look every key up rather than trust that hint. Only the first split finds it
    // set: the halves of the halves are not copied again.
    std::vector<SpooledRecord> again;
    std::span<const SpooledRecord> redo = batch;
    if (std::any_of(batch.begin(), batch.end(), [](const auto& r) { return r.new_key; })) {
        again.assign(batch.begin(), batch.end());
        for (auto& record : again) {
            record.new_key = false;
        }
        redo = again;
    }
    const std::size_t half = redo.size() / 2;
    commitBatch(store, applier, redo.first(half));
    commitBatch(store, applier, redo.subspan(half));
}

}  // namespace

void commitBatch(core::CrmStore& store, BatchApplier& applier,
                 std::span<const SpooledRecord> batch) {
    if (batch.empty()) {
        return;
    }
    try {
        commitWhole(store, applier, batch);
    } catch (const DataRefused& e) {
        applier.forgetUncommitted();
        splitRefused(store, applier, batch, e.what());
    }
}

namespace {

std::vector<SpooledRecord> readBatch(RecordSpool& spool, std::size_t size) {
    std::vector<SpooledRecord> batch;  // read whole, so its lookups go out together
    batch.reserve(size);
    while (batch.size() < size) {
        auto record = spool.next();
        if (!record) {
            break;
        }
        batch.push_back(std::move(*record));
    }
    return batch;
}

// The batch whose commit is in flight, and what becomes of it.
class InFlight {
public:
    InFlight(core::CrmStore& store, BatchApplier& applier) : store_(store), applier_(applier) {}

    void handOff(std::unique_ptr<core::CrmTransaction> tx, std::vector<SpooledRecord>& batch) {
        store_.commitInBackground(std::move(tx));
        applier_.batchSent();
        batch_ = std::move(batch);
    }

    // Waits for the commit in flight and confirms it, or recovers from its failure.
    void settle() {
        try {
            store_.awaitCommit();
        } catch (const PreviousCommitFailed& failed) {
            recover(failed);
            return;
        }
        applier_.batchConfirmed();
        batch_.clear();
    }

    // The commit in flight failed with `failed` (thrown by awaitCommit() or by any use of the
    // store meanwhile). Refused data: the batch is done again, split to find the record
    // (commitBatch); any other failure is thrown as commit() threw it. Either way the batches
    // mapped after it are forgotten: call with no transaction open.
    void recover(const PreviousCommitFailed& failed) {
        try {
            store_.awaitCommit();  // takes the failure when it was not awaitCommit() that threw it
        } catch (const PreviousCommitFailed&) {
        }
        applier_.forgetUncommitted();
        std::vector<SpooledRecord> batch = std::move(batch_);
        batch_.clear();
        if (!failed.dataRefused()) {
            failed.rethrowCause();
        }
        splitRefused(store_, applier_, batch, failed.what());
    }

private:
    core::CrmStore& store_;
    BatchApplier& applier_;
    std::vector<SpooledRecord> batch_;
};

}  // namespace

void applySpool(core::CrmStore& store, BatchApplier& applier, RecordSpool& spool,
                std::size_t batch_size, const std::function<bool()>& should_stop) {
    InFlight in_flight(store, applier);
    std::unique_ptr<core::CrmTransaction> tx;
    // A batch read from the spool and then put back, when the one before it is done again.
    std::vector<SpooledRecord> put_back;
    auto take = [&] {
        if (!put_back.empty()) {
            return std::exchange(put_back, {});
        }
        return readBatch(spool, batch_size);
    };
    std::vector<SpooledRecord> current = take();
    bool prefetched = false;  // current's bindings were fetched in the transaction before
    try {
        while (!current.empty()) {
            if (should_stop && should_stop()) {
                in_flight.settle();
                throw Error("stopped before the end because crmsync is shutting down");
            }
            std::vector<SpooledRecord> next;
            bool next_read = false;  // taken from the spool: must not be read past on failure
            try {
                tx = store.beginBatch();
                if (!prefetched) {
                    applier.prefetch(*tx, current);
                }
                for (const auto& record : current) {
                    applier.apply(*tx, record);
                }
                next = take();
                next_read = true;
                // The next batch's bindings as this one leaves them, fetched while the batch
                // before may still commit (the store answers as if it had: CrmStore).
                if (!next.empty()) {
                    applier.prefetch(*tx, next);
                }
                store.sendAhead(*tx);  // this batch's writes, while the one before commits
                store.awaitCommit();   // the batch before: its failure is handled below
                applier.batchConfirmed();
                in_flight.handOff(std::move(tx), current);
                current = std::move(next);
                prefetched = !current.empty();
            } catch (const PreviousCommitFailed& failed) {
                // The batch before failed: this one was mapped on what it would have left.
                tx.reset();
                in_flight.recover(failed);
                if (next_read) {
                    // Kept for after this one, which is done again first.
                    put_back = std::move(next);
                }
                prefetched = false;
            } catch (const DataRefused&) {
                // This batch, before its hand-off (SQLite writes at once; PostgreSQL when a
                // read sent the rows kept): find the record, after the batch in flight.
                tx.reset();
                in_flight.settle();
                applier.forgetUncommitted();
                commitBatch(store, applier, current);
                current = next_read ? std::move(next) : take();
                prefetched = false;
            }
        }
        in_flight.settle();
    } catch (...) {
        tx.reset();
        try {
            in_flight.settle();  // keeps the batch in flight when its commit went well
        } catch (const std::exception& e) {
            core::logger("sync")->error("run={} the batch committing meanwhile failed too: {}",
                                        applier.runId(), e.what());
        }
        throw;
    }
}

}  // namespace crmsync::sync
