// The history of the admin's mapping files (crmcore/mapping_versions.h):
// GET /api/v1/mappings/{name}/versions, GET /api/v1/mappings/{name}/versions/{number}: the saved
// versions, one with its text; POST /api/v1/mappings/{name}/versions: a checked text put in
// force as the next version; POST /api/v1/mappings/{name}/versions/{number}/restore: an
// earlier version's text put in force again, as a new version (the history only grows).
// The daemon's watcher takes the file at its next poll (app/mapping_watcher.h).
#include "app/web/api_error.h"
#include "app/web/api_routes.h"
#include "app/web/json_fields.h"
#include "app/web/mapping_requests.h"
#include "app/web/mapping_saver.h"
#include "app/web/request_input.h"
#include "util/sha256.h"

namespace crmsync::app::web {

namespace {

constexpr std::size_t kMaxComment = 500;

std::string versionJson(const core::MappingVersion& v, bool with_content) {
    JsonFields json;
    json.number("number", v.number)
        .text("file", v.path)
        .text("saved_at", v.saved_at)
        .text("saved_by", v.saved_by)
        .text("comment", v.comment)
        .text("sha256", v.content_hash);
    if (with_content) {
        json.text("content", v.content);
    }
    return json.done();
}

WebResponse listVersions(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    std::vector<std::string> items;
    for (const auto& version : call.store.mappingVersions().list(file.name)) {
        items.push_back(versionJson(version, false));
    }
    return jsonResponse(pageJson(items, ""));
}

core::MappingVersion requireVersion(ApiCall& call, const EngineMappings::File& file) {
    std::int64_t number = positiveNumber(call.params.at(1), "number");
    auto version = call.store.mappingVersions().find(file.name, number);
    if (!version) {
        throw notFound("mapping '" + file.name + "' has no version " + std::to_string(number));
    }
    return *version;
}

WebResponse showVersion(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    return jsonResponse(versionJson(requireVersion(call, file), true));
}

std::string commentOf(const WebRequest& request) {
    if (request.body.empty()) {
        return "";
    }
    std::string comment = optionalString(*jsonBody(request), "comment").value_or("");
    if (comment.size() > kMaxComment) {
        throw badField("comment", "comment must be at most " + std::to_string(kMaxComment) +
                                      " bytes");
    }
    return comment;
}

// Checks `content` as the daemon will load it and, when clean and not the file's text already,
// saves it as the next version; the journal row names the person.
WebResponse putInForce(ApiCall& call, const EngineMappings::File& file, const std::string& content,
                       const std::string& op, const std::string& comment) {
    auto loaded = checkMappingText(call, file, content);
    if (!loaded.mapping) {
        return invalidMappingResponse(loaded.diagnostics);
    }
    if (util::sha256Hex(readMappingFile(file)) == util::sha256Hex(content)) {
        throw ApiError(409, "unchanged",
                       "the mapping file " + file.path.string() + " holds this text already",
                       "content");
    }
    auto saved = saveMappingVersion(call.store.mappingVersions(), file, content, call.who->name,
                                    comment);
    journalMappingAction(call, op, file,
                         JsonFields()
                             .number("version", saved.number)
                             .text("mapping_version", loaded.mapping->version)
                             .text("comment", comment)
                             .done());
    return jsonResponse(versionJson(saved, false), 201);
}

WebResponse saveVersion(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    auto body = jsonBody(call.request);
    std::string content = requiredString(*body, "content");
    std::string comment = commentOf(call.request);
    return putInForce(call, file, content, "mapping-save", comment);
}

WebResponse restoreVersion(ApiCall& call) {
    const auto& file = requireMappingFile(call);
    core::MappingVersion old = requireVersion(call, file);
    std::string comment = commentOf(call.request);
    std::string why = "roll back to version " + std::to_string(old.number);
    return putInForce(call, file, old.content, "mapping-rollback",
                      comment.empty() ? why : why + ": " + comment);
}

}  // namespace

void addMappingVersionRoutes(ApiRouter& router) {
    router.add("GET", "/api/v1/mappings/{name}/versions", Access::Admin, listVersions);
    router.add("GET", "/api/v1/mappings/{name}/versions/{number}", Access::Admin, showVersion);
    router.add("POST", "/api/v1/mappings/{name}/versions", Access::Admin, saveVersion);
    router.add("POST", "/api/v1/mappings/{name}/versions/{number}/restore", Access::Admin,
               restoreVersion);
}

}  // namespace crmsync::app::web
