#pragma once
// A previewed record (preview.h) as one JSON object, the form both `crmsync mapping preview
// --json` and the HTTP API (POST /api/v1/mappings/{name}/preview) hand out: entity, onec_key,
// origin ("file:line"), source (the 1C fields), mapped (the CRM columns), action, crm_id (null
// when none), changes ([{column, before, after}], null for NULL) and reason (null unless
// refused).
#include <string>

#include "sync/preview.h"

namespace crmsync::sync {

std::string previewedRecordJson(const PreviewedRecord& preview);

}  // namespace crmsync::sync
