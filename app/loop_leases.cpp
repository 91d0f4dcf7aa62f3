#include "app/loop_leases.h"

#include <thread>

#include "crmcore/entity_catalog.h"
#include "crmcore/logging.h"
#include "scheduler/job_spec.h"

namespace crmsync::app {


LoopLeases::LoopLeases(std::string loop, std::unique_ptr<core::CrmStore> control,
                       std::string holder, std::chrono::milliseconds ttl)
    : loop_(std::move(loop)),
      control_(std::move(control)),
      leases_(control_->leases(), std::move(holder), ttl),
      locks_(scheduler::jobLocks(loop_, core::entityNames())) {}

bool LoopLeases::run(core::CrmStore& store,
                     const std::function<void(const std::function<bool()>&)>& tick,
                     std::chrono::milliseconds wait, const std::function<bool()>& stopping) {
    constexpr std::chrono::seconds kRetry{1};
    const auto give_up = std::chrono::steady_clock::now() + wait;
    std::string busy;
    auto fence = leases_.acquire(locks_, busy);
    while (!fence && std::chrono::steady_clock::now() + kRetry <= give_up &&
           !(stopping && stopping())) {
        std::this_thread::sleep_for(kRetry);
        fence = leases_.acquire(locks_, busy);
    }
    if (!fence) {
        if (!said_busy_) {
            core::logger("app")->info("{}: tick skipped, lease {} is held by another job or "
                                      "instance; trying again at the next tick",
                                      loop_, busy);
            said_busy_ = true;
        }
        return false;
    }
    said_busy_ = false;
    renewed_ = std::chrono::steady_clock::now();
    lost_ = false;
    struct Release {
        LoopLeases& self;
        const core::LeaseFence& fence;
        ~Release() { self.leases_.release(fence, self.loop_); }
    } release{*this, *fence};
    core::StoreFence fenced(store, *fence);
    tick([this, &fence] { return keepGoing(*fence); });
    return true;
}

bool LoopLeases::keepGoing(const core::LeaseFence& fence) {
    if (lost_) {
        return false;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - renewed_ < leases_.ttl() / 3) {
        return true;
    }
    try {
        if (!leases_.renew(fence)) {
            core::logger("app")->error("{}: lost its lease (taken over by another instance); "
                                       "stopping after this batch",
                                       loop_);
            lost_ = true;
            return false;
        }
        renewed_ = now;
    } catch (const std::exception& e) {
        // The database is away: the tick's own next statement says so; the fence keeps its
        // commit from succeeding if the lease expires meanwhile.
        core::logger("app")->warn("{}: cannot renew its lease: {}", loop_, e.what());
    }
    return true;
}

}  // namespace crmsync::app
