#pragma once
// Reads a record source on a thread of its own into a temporary event file, while the
// importer hands the events to its change filter as they are written (replay() follows the
// file). This is the one way records travel between threads in an import:
// - the source being imported is read this way, so parsing XML (and digesting each record:
//   encoding and hashing, which needs no database) overlaps with the filter's lookups on the
//   other core;
// - the source after it, when it can be read before the ones ahead of it are applied
//   (RecordSource::canReadAhead: a file, not an OData pull that asks the database what
//   changed), is started as soon as the one before starts, so offers.xml is parsed while
//   import.xml's records go into the database; on disk, its events cost no memory however
//   long the file before takes.
// replay() hands the filter exactly what source.read(filter) would: the same calls in the
// same order, then the source's own error, if it had one, after the events produced before it.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "crmcore/record_source.h"
#include "sync/change_filter.h"
#include "sync/spool_file.h"

namespace crmsync::sync {

class SourceReader {
public:
    // Runs source.prepare() on the calling thread, then starts reading `source` (which must
    // outlive this object) at once. An error of prepare() is rethrown by replay().
    SourceReader(core::RecordSource& source, const std::filesystem::path& spool_dir,
                 std::string mapping_version);
    // Stops a read still under way (its events are dropped) and waits for the thread.
    ~SourceReader();
    SourceReader(const SourceReader&) = delete;
    SourceReader& operator=(const SourceReader&) = delete;

    // Hands the source's events to `filter` as they are read, waiting for more until the
    // reading ends; rethrows what the source threw (an InputError for a bad file) once the
    // events before it are handed. Call at most once.
    void replay(ChangeFilter& filter);

private:
    void read();
    // On the reading thread: makes what was written so far readable by replay().
    void publish();

    core::RecordSource& source_;
    std::string mapping_version_;
    SpoolFile events_;
    std::atomic<bool> cancelled_{false};

    std::mutex mutex_;
    std::condition_variable progress_;
    std::uint64_t published_ = 0;  // bytes of whole events replay() may read
    bool finished_ = false;
    std::exception_ptr error_;

    std::thread thread_;
};

}  // namespace crmsync::sync
