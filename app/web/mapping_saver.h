#pragma once
// Putting a new version of a mapping file in force: the text goes to the file the daemon
// watches (written atomically, so the watcher never reads half of it) and into the version
// history (crmcore/mapping_versions.h). The caller has checked the text already.
#include <string>

#include "app/web/engine_mappings.h"
#include "crmcore/mapping_versions.h"

namespace crmsync::app::web {

// The file as it is on disk now. Throws ApiError 500 when it cannot be read.
std::string readMappingFile(const EngineMappings::File& file);

// Saves `content` as the next version of `file` and returns that version. When the file on
// disk is not the newest version of the history (edited by hand, or nothing saved from the web
// yet), its text is stored first as a version of its own, so that no text the daemon ran is
// ever lost from the history. The file is written before the version row: a failure in
// between leaves the new text in force and recorded at the next save as "found on disk".
// Throws ApiError 500 when the file cannot be written (nothing changed then), crmsync::Error
// for database failures.
core::MappingVersion saveMappingVersion(core::MappingVersions& versions,
                                        const EngineMappings::File& file,
                                        const std::string& content, const std::string& actor,
                                        const std::string& comment);

}  // namespace crmsync::app::web
