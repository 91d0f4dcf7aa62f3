#pragma once
// Full-package semantics: what a complete full unload (СодержитТолькоИзменения="false") no
// longer contains is marked inactive in the CRM, never deleted. Only ever called for a package
// that was read to its end and applied without error.
#include <cstdint>
#include <string>

#include "crmcore/crm_store.h"
#include "sync/change_filter.h"

namespace crmsync::sync {

// Deactivates, inside `tx`, every active bound row of the package's entities whose 1C key the
// package did not contain. A product variant ("product#variant") stays while its product is
// present: variants come from offers, not from the catalog that lists products. A row of a
// tabular section ("object|line") stays while the package holds its object's key for the
// section's entity: a source says so for objects whose rows it did not read again.
// Returns how many rows were deactivated; each gets a journal row and loses its content hash
// so that its return in a later file is applied again.
std::int64_t deactivateMissing(core::CrmTransaction& tx, const CompletedPackage& package,
                               std::int64_t run_id, const std::string& mapping_version);

}  // namespace crmsync::sync
