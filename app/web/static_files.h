#pragma once
// The web UI's files (ui_assets.h) as responses: "/" is index.html, "/assets/..." the asset,
// and any other path without an extension index.html too (the UI routes on the client).
#include <optional>
#include <string>

#include "app/web/web_types.h"

namespace crmsync::app::web {

// The file for `path` (GET or HEAD), with its Content-Type and Cache-Control: no-cache;
// nullopt when there is none.
std::optional<WebResponse> staticFile(const std::string& path);

// "text/html; charset=utf-8" and so on, by extension; application/octet-stream otherwise.
std::string contentTypeOf(const std::string& path);

}  // namespace crmsync::app::web
