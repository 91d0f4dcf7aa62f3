#pragma once
// What the mapping endpoints (mappings_api.cpp, mapping_versions_api.cpp) share: finding the
// mapping file a path names, checking a text as the daemon will load it, the diagnostics as
// JSON, and the journal row of each action.
#include <string>

#include "app/web/api_router.h"
#include "mapping/mapping_file.h"

namespace crmsync::app::web {

// The file of {name} in the path; 404 not_found naming the files there are otherwise.
const EngineMappings::File& requireMappingFile(const ApiCall& call);

// `content` checked and compiled as the watcher loads the file: against the database's
// columns, with the file's path in every message.
mapping::LoadResult checkMappingText(const ApiCall& call, const EngineMappings::File& file,
                                     const std::string& content);

// [{"line", "column", "message", "text": "file:line:column: message"}, ...]
std::string diagnosticsJson(const mapping::Diagnostics& diagnostics);

// 422 invalid_mapping (field "content") with every problem: the API's error shape plus a
// "diagnostics" member, so the editor can mark each line.
WebResponse invalidMappingResponse(const mapping::Diagnostics& diagnostics);

// The journal row of an admin's action on a mapping ("mapping-check", "mapping-save", ...):
// the mapping's name as the key, `after` what was asked or decided, the file as the lineage.
void journalMappingAction(ApiCall& call, const std::string& op, const EngineMappings::File& file,
                          const std::string& after);

}  // namespace crmsync::app::web
