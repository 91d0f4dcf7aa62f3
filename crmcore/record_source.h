#pragma once
// Anything that produces records from 1C: a CommerceML file, an OData pull. The engine consumes
// sources through this port only and never knows which adapter stands behind it.
#include <string>

#include "crmcore/record_sink.h"

namespace crmsync::core {

class RecordSource {
public:
    virtual ~RecordSource() = default;
    // Short name for logs, errors and the journal's lineage (e.g. the file name).
    virtual std::string name() const = 0;
    // Runs on the consumer's thread right before read(), which may run on a reader thread:
    // work that needs the consumer's resources (the CRM store, one per thread) belongs here.
    // Throws what read() throws.
    virtual void prepare() {}
    // Whether read() may run before the sources ahead of it in a run have been applied, on a
    // thread of its own: true when what it reads does not depend on what is stored (a file),
    // false when it does (an OData pull asks the store which objects changed).
    virtual bool canReadAhead() const { return false; }
    // Hands every record to `sink`. Throws crmsync::InputError when the input is unreadable;
    // records handed before the throw must then be discarded by the caller.
    virtual void read(RecordSink& sink) = 0;
};

}  // namespace crmsync::core
