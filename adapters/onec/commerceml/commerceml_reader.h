#pragma once
// Streaming reader of CommerceML 2.03–2.10 and 3.x files (import, offers, prices, rests,
// orders/documents) into neutral records. One pass, one item in memory at a time.
#include <cstddef>
#include <map>
#include <string>

#include "crmcore/record_sink.h"

namespace crmsync::commerceml {

struct ReaderOptions {
    // Names the file in errors and record origins (e.g. the name 1C uploaded it under);
    // empty means the path.
    std::string display_name;
};

struct ReadStats {
    std::string schema_version;                  // root ВерсияСхемы, "" when absent
    std::map<std::string, std::size_t> records;  // records emitted, per entity
};

// Reads the CommerceML file at `path` and hands its packages and records to `sink`, in
// dependency order within each package (groups parent-first, price types and warehouses before
// prices and stock, counterparties before orders, orders before their lines). Every value is
// handed out as UTF-8 text (lenient forms normalised, see text_values.h), except order_line's
// line_no (integer) and the list/nested fields.
//
// Throws crmsync::InputError(display name, line, message) when the file cannot be read as a
// whole: unreadable, not well-formed, truncated, wrong encoding, a DOCTYPE, or a root element
// other than КоммерческаяИнформация. The package being read then gets no endPackage; records
// already handed to the sink must be discarded by it.
ReadStats readCommerceMl(const std::string& path, core::RecordSink& sink,
                         const ReaderOptions& options = {});

}  // namespace crmsync::commerceml
