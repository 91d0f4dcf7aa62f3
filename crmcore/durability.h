#pragma once
// When a committed transaction is on disk: every commit at once, or a run's batches with the
// run's end (crm_store.h: CrmStore::beginBatch).

namespace crmsync::core {

// How soon a committed transaction is safe from a crash of the database server (a crash of
// crmsync itself loses nothing committed either way).
enum class Durability {
    // On disk before commit() returns.
    AtCommit,
    // On disk with the next transaction committed AtCommit, on any connection: for the batches
    // of a run, which ends with commits of that kind (the deactivations, the run's record).
    // A server crash before them loses only batches of a run that did not finish; running it
    // again does them again, to the end state the run would have reached. PostgreSQL: the
    // transaction commits with synchronous_commit off, so no batch waits for a WAL flush;
    // SQLite (WAL mode, synchronous=NORMAL) commits every transaction so already.
    WithRunEnd,
};

}  // namespace crmsync::core
