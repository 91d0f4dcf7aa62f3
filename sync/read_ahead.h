#pragma once
// Reads a record source on a worker thread while the caller's filter consumes what it produced,
// so that parsing XML and checking content hashes against the database overlap on two cores.
// The worker also digests each record (encodes and hashes it), which needs no database. The
// filter sees exactly the calls, in exactly the order, that source.read(filter) would make.
#include "crmcore/record_source.h"
#include "sync/change_filter.h"

namespace crmsync::sync {

// Rethrows, on the caller's thread, whatever the source threw (an InputError for a bad file)
// after the filter has received everything produced before it; if the filter throws, the
// reading is cancelled and its exception propagates. Returns once the worker has finished.
void readAhead(core::RecordSource& source, ChangeFilter& filter);

}  // namespace crmsync::sync
