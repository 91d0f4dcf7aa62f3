#pragma once
// Leases that let one crmsync instance at a time run a job, across every instance on one
// database. Time is the database's clock (`now()` on PostgreSQL, SQLite's own), never the
// caller's, so instances whose clocks disagree still agree on who holds a lease.
//
// Each lock has an epoch that grows whenever the lease changes hands (a takeover of an expired
// lease, or a fresh acquire after a release). Work done under a lease carries the epoch it was
// granted (LeaseFence), and a commit checks it (CrmStore::fence): a holder that was paused and
// woke up after another took its lease over cannot commit anything.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

// One lock held: its name and the epoch it was granted at.
struct LeaseClaim {
    std::string lock;
    std::int64_t epoch = 0;
    bool operator==(const LeaseClaim&) const = default;
};

// What a job's transactions prove at commit: that `holder` still holds every claim at its
// epoch. Empty claims: nothing to check.
struct LeaseFence {
    std::string holder;
    std::vector<LeaseClaim> claims;
};

// A lease as stored, for listings and tests.
struct LeaseRow {
    std::string lock;
    std::string holder;  // '' once released
    std::int64_t epoch = 0;
    std::string expires_at;  // UTC "YYYY-MM-DDThh:mm:ss.mmmZ"
};

// Each call commits on its own (throws crmsync::Error when the same store has a transaction
// open) and throws crmsync::ExternalUnavailable when the database is down. Not thread safe:
// like the store it belongs to, one thread at a time.
class JobLeases {
public:
    virtual ~JobLeases() = default;
    // Takes `lock` for `holder` until the database clock passes now + ttl, when it is free,
    // released or expired, and returns its epoch: the old one when `holder` still held it
    // unexpired (a renewal), the old one + 1 otherwise. nullopt when another holder's lease has
    // not expired.
    virtual std::optional<std::int64_t> acquire(const std::string& lock, const std::string& holder,
                                                std::chrono::milliseconds ttl) = 0;
    // Extends the lease to now + ttl when `holder` still holds it at `epoch` (even if it
    // expired meanwhile: nobody took it over, or the epoch would differ); false when it was lost.
    virtual bool renew(const std::string& lock, const std::string& holder, std::int64_t epoch,
                       std::chrono::milliseconds ttl) = 0;
    // Gives the lease up (it expires at once, the epoch is kept) when `holder` holds it at
    // `epoch`; does nothing otherwise.
    virtual void release(const std::string& lock, const std::string& holder,
                         std::int64_t epoch) = 0;
    virtual std::optional<LeaseRow> find(const std::string& lock) = 0;
};

}  // namespace crmsync::core
