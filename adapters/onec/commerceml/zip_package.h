#pragma once
// Unpacks a zip that 1C sent (zip=yes exchange, or a file dropped in the folder) without
// trusting it: entry names are checked like uploaded file names, and unpacking stops as soon as
// the bytes actually inflated exceed the limits, whatever the headers claim (zip bombs lie).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace crmsync::commerceml {

struct ZipLimits {
    std::uint64_t max_total_bytes = 4ULL << 30;  // all entries together, inflated
    std::size_t max_entries = 10000;
    // Inflated/compressed ratio allowed for an entry bigger than ratio_floor_bytes. Real 1C
    // XML compresses 10-30x; a bomb compresses thousands of times.
    std::uint64_t max_ratio = 200;
    std::uint64_t ratio_floor_bytes = 1 << 20;
};

// Unpacks `zip` into `target_dir` and returns the files written, relative to target_dir, in
// archive order. Throws crmsync::InputError naming the archive and the entry at fault; on a
// throw the files written so far are removed.
std::vector<std::filesystem::path> unpackZip(const std::filesystem::path& zip,
                                             const std::filesystem::path& target_dir,
                                             const ZipLimits& limits = {});

// A relative name safe to create under an upload folder: no "..", no absolute path, no drive
// or backslash, only printable characters. Returns "" when the name must be refused.
std::string sanitizeRelativeName(const std::string& name);

// Orders the files of one exchange so that what others refer to comes first: classifier and
// catalog (import*), offers, prices, rests, counterparties, then documents/orders; by name within.
std::vector<std::filesystem::path> exchangeOrder(std::vector<std::filesystem::path> files);

}  // namespace crmsync::commerceml
