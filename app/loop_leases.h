#pragma once
// The leases of one of the daemon's default loops ([drop_folder], [odata]): a tick that writes
// takes the same entity leases a [job.NAME] job takes (scheduler/lease_set.h), all of them, as
// it may write any entity, so that it never runs at once with a job or with the same loop of
// another instance on the database. A busy tick is skipped: the loop comes round again.
//
// The leases are renewed between batches (the tick's should_stop asks keepGoing()); a lease
// lost meanwhile, to an instance that took it over after the TTL, stops the tick at its next
// batch, and the tick's own store is fenced so that its commit cannot succeed either.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "crmcore/crm_store.h"
#include "scheduler/lease_set.h"

namespace crmsync::app {

class LoopLeases {
public:
    // `loop` names its own lock ("job:" + loop); `control` (owned) holds the lease calls, a
    // store of its own: the tick's store may be inside a transaction when a renewal is due.
    LoopLeases(std::string loop, std::unique_ptr<core::CrmStore> control, std::string holder,
               std::chrono::milliseconds ttl);

    // Runs `tick` under the leases with `store` fenced by them. While another job or instance
    // holds one, tries again every second for up to `wait` (0: not again) unless `stopping`
    // says so, then gives up: false, the tick not run (logged once per busy streak). `tick`
    // gets keepGoing(), for its should_stop. Rethrows what `tick` throws, after the release.
    bool run(core::CrmStore& store, const std::function<void(const std::function<bool()>&)>& tick,
             std::chrono::milliseconds wait = std::chrono::milliseconds(0),
             const std::function<bool()>& stopping = {});

private:
    bool keepGoing(const core::LeaseFence& fence);

    std::string loop_;
    std::unique_ptr<core::CrmStore> control_;
    scheduler::LeaseSet leases_;
    std::vector<std::string> locks_;
    std::chrono::steady_clock::time_point renewed_;
    bool lost_ = false;
    bool said_busy_ = false;
};

}  // namespace crmsync::app
