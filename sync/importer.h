#pragma once
// Runs an import of record sources (CommerceML files, in the order given) into the CRM store.
//
// Per source: pass one reads the whole source into a spool, dropping unchanged records; only a
// source read to its end without error goes on to pass two, which applies the spool one
// transaction per batch; then complete full packages deactivate what they no longer contain.
// While a source is imported, the next one is already being read when it is a file.
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

class SourcePrefetch;

struct ImportOptions {
    std::size_t batch_size = 2000;    // records per database transaction
    std::size_t lookup_batch = 1000;  // keys per binding-hash lookup in pass one
    std::filesystem::path spool_dir = std::filesystem::temp_directory_path();
    // Asked between batches (may be empty): true stops the source there, keeping the batches
    // committed, and fails it as "stopped"; a daemon shutting down uses it.
    std::function<bool()> should_stop;
    // Opens a second connection to the same database (may be empty). With it, the file read
    // ahead is also filtered ahead while a file before it with at least `filter_ahead_after`
    // records to apply is applied (its pass one then uses the core the applying leaves idle);
    // that pass one is kept when the file before wrote none of its entities' bindings. Below
    // the threshold (a re-import applies nothing) both cores are busy reading and it would
    // only add work.
    std::function<std::unique_ptr<core::CrmStore>()> open_lookup_store;
    std::size_t filter_ahead_after = 10000;
};

struct SourceOutcome {
    std::string source;
    bool ok = false;
    std::string error;  // "file:line: message" for unreadable input
    core::RunCounts counts;
    // Entities whose bindings the source wrote or may have written (records applied or
    // quarantined, rows deactivated).
    std::vector<std::string> written_entities;
    bool filtered_ahead = false;  // pass one ran while the file before was being applied
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

    // One source within an existing run.
    SourceOutcome importSource(std::int64_t run_id, core::RecordSource& source);

private:
    // `prefetched`, when given, has been reading `source` on a thread of its own since before
    // the source that wrote `written_before` was applied; `following`, when given, is reading
    // the source after this one.
    SourceOutcome importSource(std::int64_t run_id, core::RecordSource& source,
                               SourcePrefetch* prefetched,
                               const std::vector<std::string>& written_before,
                               SourcePrefetch* following);
    std::unique_ptr<core::CrmStore> openLookupStore() const;

    core::CrmStore& store_;
    const mapping::Mapping& mapping_;
    ImportOptions options_;
};

}  // namespace crmsync::sync
