#pragma once
// Runs an import of record sources (CommerceML files in the order given, the object sets of an
// OData pull) into the CRM store: one run, each source through the same pipeline.
//
// Per source: pass one reads the whole source into a spool, dropping unchanged records; only a
// source read to its end without error goes on to pass two, which applies the spool one
// transaction per batch (a record the database refuses is found and quarantined,
// batch_commit.h); then complete full packages deactivate what they no longer contain.
// Each source is read on a thread of its own (SourceReader), and the next one is already being
// read while this one is applied when it can be (a file).
// A source that fails to read changes nothing; one that fails while applying keeps the batches
// it committed (each is whole) and never deactivates.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"
#include "crmcore/record_source.h"
#include "mapping/entity_mapping.h"

namespace crmsync::sync {

class RunScope;
class SourceReader;

struct ImportOptions {
    std::size_t batch_size = 2000;    // records per database transaction
    std::size_t lookup_batch = 1000;  // keys per binding-hash lookup in pass one
    std::filesystem::path spool_dir = std::filesystem::temp_directory_path();
    // Asked between batches (may be empty): true stops the source there, keeping the batches
    // committed, and fails it as "stopped"; a daemon shutting down uses it.
    std::function<bool()> should_stop;
    // Called (may be empty) as each source starts, with its name, its position from 1 and the
    // number of sources: the exchange endpoint tells 1C what it is doing.
    std::function<void(const std::string& source, std::size_t position, std::size_t count)>
        on_source;
};

struct SourceOutcome {
    std::string source;
    bool ok = false;
    std::string error;  // "file:line: message" for unreadable input
    core::RunCounts counts;
};

struct ImportReport {
    std::int64_t run_id = 0;
    bool ok = true;
    core::RunCounts totals;
    std::vector<SourceOutcome> sources;  // in order; stops after the first failed source
};

class Importer {
public:
    Importer(core::CrmStore& store, const mapping::Mapping& mapping, ImportOptions options = {});

    // One run (kind e.g. "import") over all sources. Stops at the first source that fails:
    // later files of an exchange depend on earlier ones (offers on the catalog).
    ImportReport run(const std::string& kind,
                     const std::vector<std::unique_ptr<core::RecordSource>>& sources);

private:
    // `reader` has been reading `source` since before the sources ahead of it were applied,
    // or since just now.
    SourceOutcome importSource(std::int64_t run_id, core::RecordSource& source,
                               SourceReader& reader);

    core::CrmStore& store_;
    const mapping::Mapping& mapping_;
    ImportOptions options_;
};

}  // namespace crmsync::sync
