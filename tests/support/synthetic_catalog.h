#pragma once
// A CommerceML import.xml of any size, written by the tests themselves so that suites about
// volume (batches, restarts) do not depend on ../shared.
#include <filesystem>

namespace crmsync::test {

// Writes a full catalog (СодержитТолькоИзменения="false") of `products` products spread over
// ten groups, each with a GUID-like Ид, article, name, base unit and description.
void writeSyntheticCatalog(const std::filesystem::path& file, int products);

}  // namespace crmsync::test
