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
    // Hands every record to `sink`. Throws crmsync::InputError when the input is unreadable;
    // records handed before the throw must then be discarded by the caller.
    virtual void read(RecordSink& sink) = 0;
};

}  // namespace crmsync::core
