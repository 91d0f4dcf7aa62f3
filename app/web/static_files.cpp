#include "app/web/static_files.h"

#include <algorithm>
#include <map>

#include "app/web/ui_assets.h"

namespace crmsync::app::web {

namespace {

const UiAsset* findAsset(std::string_view path) {
    const auto& assets = uiAssets();
    auto it = std::lower_bound(assets.begin(), assets.end(), path,
                               [](const UiAsset& a, std::string_view p) { return a.path < p; });
    return it != assets.end() && it->path == path ? &*it : nullptr;
}

std::string extensionOf(const std::string& path) {
    auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        return "";
    }
    return path.substr(dot + 1);
}

}  // namespace

std::string contentTypeOf(const std::string& path) {
    static const std::map<std::string, std::string> types = {
        {"html", "text/html; charset=utf-8"},     {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"}, {"css", "text/css; charset=utf-8"},
        {"json", "application/json"},             {"svg", "image/svg+xml"},
        {"png", "image/png"},                     {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},                  {"txt", "text/plain; charset=utf-8"},
        {"map", "application/json"},
    };
    auto it = types.find(extensionOf(path));
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<WebResponse> staticFile(const std::string& path) {
    std::string file = path == "/" ? "/index.html" : path;
    const UiAsset* asset = findAsset(file);
    if (asset == nullptr && extensionOf(path).empty()) {
        file = "/index.html";
        asset = findAsset(file);
    }
    if (asset == nullptr) {
        return std::nullopt;
    }
    WebResponse response;
    response.content_type = contentTypeOf(file);
    response.body = std::string(asset->content);
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

}  // namespace crmsync::app::web
