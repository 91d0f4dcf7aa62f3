#pragma once
// The files of the repository's ui/ folder, compiled in by cmake/EmbedUi.cmake: the binary
// serves its own UI wherever it is installed.
#include <string_view>
#include <vector>

namespace crmsync::app::web {

struct UiAsset {
    std::string_view path;     // "/index.html", "/assets/app.js"
    std::string_view content;  // the file's bytes
};

// Sorted by path.
const std::vector<UiAsset>& uiAssets();

}  // namespace crmsync::app::web
