#pragma once
// Reads a record source on a worker thread while the caller's sink consumes what it produced,
// so that parsing XML and checking content hashes against the database overlap on two cores.
// The sink sees exactly the calls, in exactly the order, that source.read(sink) would make.
#include "crmcore/record_sink.h"
#include "crmcore/record_source.h"

namespace crmsync::sync {

// Rethrows, on the caller's thread, whatever the source threw (an InputError for a bad file)
// after the sink has received everything produced before it; if the sink throws, the reading
// is cancelled and the sink's exception propagates. Returns once the worker has finished.
void readAhead(core::RecordSource& source, core::RecordSink& sink);

}  // namespace crmsync::sync
