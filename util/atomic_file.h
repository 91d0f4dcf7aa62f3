#pragma once
// Replacing a file so that a reader sees either the old bytes or the new ones, never half of
// either: written to a temporary file in the same folder, flushed to disk, then renamed over
// the target (a rename within one file system is atomic on POSIX). The mapping watcher polls
// the daemon's mapping files; this is how a new version is put there.
#include <filesystem>
#include <string_view>

namespace crmsync::util {

// Throws std::system_error naming the path when the folder is not writable or the disk is
// full; the target is then untouched and the temporary file removed.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace crmsync::util
