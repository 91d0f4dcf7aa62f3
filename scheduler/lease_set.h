#pragma once
// Leases on a set of locks for one holder, taken all or nothing: the job runner's fires and the
// daemon's default loops ([drop_folder], [odata]) take them the same way, so a loop and a job
// that write the same entities never run at once, on one instance or several.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/job_leases.h"

namespace crmsync::scheduler {

class LeaseSet {
public:
    // Not thread safe, as `leases` (a store's) is not: callers serialise their calls.
    LeaseSet(core::JobLeases& leases, std::string holder, std::chrono::milliseconds ttl)
        : leases_(leases), holder_(std::move(holder)), ttl_(ttl) {}

    // The fence over every lock of `locks` when each could be taken; else nullopt, with none of
    // them held (holding some while waiting for others could stall a job that needs only
    // those) and `busy` naming the first one held elsewhere.
    std::optional<core::LeaseFence> acquire(const std::vector<std::string>& locks,
                                            std::string& busy);
    // Extends each lease by the TTL; false when one was lost (taken over after it expired).
    bool renew(const core::LeaseFence& fence);
    // Gives each lease up; one that cannot be released expires by itself within the TTL, so a
    // failure is logged, never thrown (it runs on the way out of a run).
    void release(const core::LeaseFence& fence, const std::string& who) noexcept;

    const std::string& holder() const { return holder_; }
    std::chrono::milliseconds ttl() const { return ttl_; }

private:
    core::JobLeases& leases_;
    std::string holder_;
    std::chrono::milliseconds ttl_;
};

}  // namespace crmsync::scheduler
