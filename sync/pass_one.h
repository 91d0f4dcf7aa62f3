#pragma once
// What pass one of an import leaves for pass two: the spool of records to apply, the filter
// that made it (counts, completed packages) and the open quarantine it was made against.
#include <cstddef>
#include <filesystem>
#include <string>

#include "crmcore/crm_store.h"
#include "sync/change_filter.h"
#include "sync/open_quarantine.h"
#include "sync/record_spool.h"

namespace crmsync::sync {

struct PassOne {
    PassOne(core::CrmStore& store, const std::filesystem::path& spool_dir,
            std::size_t lookup_batch, std::string mapping_version)
        : spool(spool_dir),
          filter(store, spool, lookup_batch, loaded(quarantined, store),
                 std::move(mapping_version)) {}
    PassOne(const PassOne&) = delete;
    PassOne& operator=(const PassOne&) = delete;

    OpenQuarantine quarantined;
    RecordSpool spool;
    ChangeFilter filter;

private:
    // The filter takes the open quarantine loaded.
    static const OpenQuarantine& loaded(OpenQuarantine& quarantined, core::CrmStore& store) {
        quarantined.load(store);
        return quarantined;
    }
};

}  // namespace crmsync::sync
