#pragma once
// Reads a record source into a temporary file on a thread of its own, so that the next file of
// an exchange is parsed while the file before it is being applied: offers.xml is read while
// import.xml's records go into the database, and on two cores its reading costs no wall time.
// Only for sources that can be read before the ones ahead of them are applied
// (RecordSource::canReadAhead): a file, not an OData pull that asks the database what changed.
//
// The records are digested on that thread too (digestRecord), so replay() hands the filter
// exactly what readAhead(source, filter) would have: the same calls in the same order, then the
// source's own error, if it had one, after the events produced before it. replay() does not
// wait for the reading to end: it follows the file as the reading thread writes it.
//
// While the file before is being applied, one core waits on the database and the other is
// free: filterAhead() then runs pass one on a thread and a connection of its own. That result
// stands only if the file before wrote none of its entities (the caller checks, see
// takePassOne()); otherwise the events are replayed into a filter of the caller's.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "crmcore/crm_store.h"
#include "crmcore/record_source.h"
#include "sync/change_filter.h"
#include "sync/pass_one.h"
#include "sync/spool_file.h"

namespace crmsync::sync {

class SourcePrefetch {
public:
    // Starts reading `source` (which must outlive this object) at once.
    SourcePrefetch(core::RecordSource& source, const std::filesystem::path& spool_dir,
                   std::string mapping_version);
    // Stops a read still under way (its events are dropped) and waits for the threads.
    ~SourcePrefetch();
    SourcePrefetch(const SourcePrefetch&) = delete;
    SourcePrefetch& operator=(const SourcePrefetch&) = delete;

    // Hands the source's events to `filter` as they are read, waiting for more until the
    // reading ends; rethrows what the source threw (an InputError for a bad file) once the
    // events before it are handed. Call at most once.
    void replay(ChangeFilter& filter);

    // Starts pass one of the source on a thread of its own, looking hashes up on
    // `lookup_store` (used by that thread only). Call at most once, before replay().
    void filterAhead(std::unique_ptr<core::CrmStore> lookup_store, std::size_t lookup_batch);
    // Waits for pass one ahead and gives it, or null when it was not started or did not run to
    // the end (an unreadable source, a failed lookup). It is right only if nothing wrote the
    // bindings of its filter's entities() since filterAhead().
    std::unique_ptr<PassOne> takePassOne();

private:
    void read();
    // On the reading thread: makes what was written so far readable by follow().
    void publish();
    // Hands `filter` the events as they are published, then rethrows the source's error.
    void follow(ChangeFilter& filter);

    core::RecordSource& source_;
    std::string mapping_version_;
    std::filesystem::path spool_dir_;
    SpoolFile events_;
    std::atomic<bool> cancelled_{false};

    std::mutex mutex_;
    std::condition_variable progress_;
    std::uint64_t published_ = 0;  // bytes of whole events replay() may read
    bool finished_ = false;
    std::exception_ptr error_;

    std::thread thread_;

    std::unique_ptr<core::CrmStore> lookup_store_;
    std::unique_ptr<PassOne> pass_one_;  // filter_thread_'s until it finished
    std::thread filter_thread_;
};

}  // namespace crmsync::sync
