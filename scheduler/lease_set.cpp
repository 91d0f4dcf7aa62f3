#include "scheduler/lease_set.h"

#include "crmcore/logging.h"

namespace crmsync::scheduler {

std::optional<core::LeaseFence> LeaseSet::acquire(const std::vector<std::string>& locks,
                                                  std::string& busy) {
    core::LeaseFence fence{holder_, {}};
    try {
        for (const auto& name : locks) {
            auto epoch = leases_.acquire(name, holder_, ttl_);
            if (!epoch) {
                busy = name;
                release(fence, holder_);
                return std::nullopt;
            }
            fence.claims.push_back({name, *epoch});
        }
    } catch (...) {
        release(fence, holder_);
        throw;
    }
    return fence;
}

bool LeaseSet::renew(const core::LeaseFence& fence) {
    for (const auto& claim : fence.claims) {
        if (!leases_.renew(claim.lock, fence.holder, claim.epoch, ttl_)) {
            return false;
        }
    }
    return true;
}

void LeaseSet::release(const core::LeaseFence& fence, const std::string& who) noexcept {
    for (const auto& claim : fence.claims) {
        try {
            leases_.release(claim.lock, fence.holder, claim.epoch);
        } catch (const std::exception& e) {
            core::logger("scheduler")->warn("{}: cannot release lease {} (it expires by itself): {}",
                                            who, claim.lock, e.what());
        }
    }
}

}  // namespace crmsync::scheduler
