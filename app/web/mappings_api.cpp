// The admin's mapping files, as the daemon watches them:
// GET /api/v1/mappings, GET /api/v1/mappings/{name}: the files, each with its text and the
// version in force; POST /api/v1/mappings/{name}/check: every problem of a text, with its line
// and column; POST /api/v1/mappings/{name}/preview: what an import of a sample 1C file would
// do with a text to the database as it is now (sync/preview.h), writing nothing.
// The versions (history, save, roll back) are in mapping_versions_api.cpp.
#include <filesystem>
#include <fstream>
#include <random>

#include "app/import_inputs.h"
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/mapping_requests.h"
#include "app/web/mapping_saver.h"
#include "app/web/request_input.h"
#include "crmcore/error.h"
#include "sync/preview.h"
#include "sync/preview_json.h"
#include "util/sha256.h"

namespace crmsync::app::web {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDefaultPreviewLimit = 20;
constexpr std::size_t kMaxPreviewLimit = 200;

// The saved version whose text the file holds now; 0 when none does (never saved from here,
// or edited by hand since).
std::int64_t versionOnDisk(ApiCall& call, const EngineMappings::File& file,
                           const std::string& content) {
    auto newest = call.store.mappingVersions().latest(file.name);
    return newest && newest->content_hash == util::sha256Hex(content) ? newest->number : 0;
}

// What the list shows of a file; the file's own page adds its text.
JsonFields summaryFields(ApiCall& call, const EngineMappings::File& file,
                         const std::string& content) {
    auto in_force = file.current();
    std::int64_t version = versionOnDisk(call, file, content);
    JsonFields fields;
    fields.text("name", file.name)
        .text("file", file.path.string())
        .text("in_force", in_force ? in_force->version : "")
        .text("on_disk", mapping::mappingVersion(file.path.string(), content))
        .raw("version", version != 0 ? std::to_string(version) : "null");
    return fields;
}

WebResponse listMappings(ApiCall& call) {
    std::vector<std::string> items;
    for (const auto& file : call.services.mappings.files) {
        items.push_back(summaryFields(call, file, readMappingFile(file)).done());
    }
    return jsonResponse(pageJson(items, ""));
}

WebResponse showMapping(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    std::string content = readMappingFile(file);
    return jsonResponse(summaryFields(call, file, content).text("content", content).done());
}

WebResponse checkMapping(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    std::string content = requiredString(*jsonBody(call.request), "content");
    auto loaded = checkMappingText(call, file, content);
    std::string version = mapping::mappingVersion(file.path.string(), content);
    journalMappingAction(call, "mapping-check", file,
                         JsonFields()
                             .text("version", version)
                             .number("problems", static_cast<std::int64_t>(
                                                     loaded.diagnostics.items().size()))
                             .done());
    return jsonResponse(
        JsonFields()
            .boolean("valid", loaded.mapping.has_value())
            .text("version", version)
            .number("entities",
                    loaded.mapping ? static_cast<std::int64_t>(loaded.mapping->entities.size())
                                   : 0)
            .raw("diagnostics", diagnosticsJson(loaded.diagnostics))
            .done());
}

// A folder of its own for the sample file, removed when the preview is done.
class ScratchFolder {
public:
    ScratchFolder() {
        std::random_device random;
        path_ = fs::temp_directory_path() /
                ("crmsync-preview-" + std::to_string(random()) + std::to_string(random()));
        fs::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ignored;  // a leftover temp folder is not worth failing the answer for
        fs::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// The sample 1C file's records, as `crmsync mapping preview --input` reads a file.
std::vector<core::Record> sampleRecords(const std::string& input, const std::string& name,
                                        std::size_t limit) {
    ScratchFolder scratch;
    fs::path file = scratch.path() / name;
    {
        std::ofstream out(file, std::ios::binary);
        out << input;
        if (!out) {
            throw Error("cannot write the sample file to " + scratch.path().string());
        }
    }
    try {
        ImportInputs inputs({file});
        return sync::readFirstRecords(inputs.sources(), limit);
    } catch (const InputError& e) {
        throw ApiError(422, "unreadable_input", e.what(), "input");
    }
}

// The sample's name without folders: only the extension (.xml, .zip) matters to the reader.
std::string inputName(const Poco::JSON::Object& body) {
    std::string name = optionalString(body, "input_name").value_or("sample.xml");
    name = fs::path(name).filename().string();
    if (name.empty() || name == "." || name == "..") {
        throw badField("input_name", "input_name must be a file name such as import.xml");
    }
    return name;
}

WebResponse previewMapping(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    auto body = jsonBody(call.request);
    std::string content = requiredString(*body, "content");
    std::string input = requiredString(*body, "input");
    if (input.empty()) {
        throw badField("input", "input must hold the text of a 1C file (CommerceML XML)");
    }
    std::size_t limit = limitParam(call.request, kDefaultPreviewLimit, kMaxPreviewLimit);
    auto loaded = checkMappingText(call, file, content);
    if (!loaded.mapping) {
        return invalidMappingResponse(loaded.diagnostics);
    }
    std::string name = inputName(*body);
    auto previews =
        sync::previewRecords(call.store.crm(), *loaded.mapping, sampleRecords(input, name, limit));
    std::vector<std::string> items;
    items.reserve(previews.size());
    for (auto& preview : previews) {
        // The sample's name as the admin gave it, not the scratch folder it was read from.
        preview.record.origin.file = name;
        items.push_back(sync::previewedRecordJson(preview));
    }
    journalMappingAction(call, "mapping-preview", file,
                         JsonFields()
                             .text("version", loaded.mapping->version)
                             .text("input", name)
                             .number("records", static_cast<std::int64_t>(items.size()))
                             .done());
    return jsonResponse(JsonFields()
                            .text("version", loaded.mapping->version)
                            .raw("items", jsonArray(items))
                            .done());
}

}  // namespace

void addMappingRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/mappings", Access::Admin, listMappings);
    router.add("GET", "/api/v1/mappings/{name}", Access::Admin, showMapping);
    router.add("POST", "/api/v1/mappings/{name}/check", Access::Admin, checkMapping);
    router.add("POST", "/api/v1/mappings/{name}/preview", Access::Admin, previewMapping);
    addMappingVersionRoutes(router);
}

}  // namespace crmsync::app::web
