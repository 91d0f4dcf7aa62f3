#include "app/web/mapping_requests.h"

#include "app/web/api_error.h"
#include "app/web/json_fields.h"
#include "app/web/person_journal.h"

namespace crmsync::app::web {

const EngineMappings::File& requireMappingFile(const ApiCall& call) {
    const std::string& name = call.params.at(0);
    const auto& mappings = call.services.mappings;
    if (const auto* file = mappings.findFile(name)) {
        return *file;
    }
    std::string known;
    for (const auto& file : mappings.files) {
        known += (known.empty() ? "" : ", ") + file.name;
    }
    throw notFound("no mapping file '" + name + "' (this daemon's: " +
                   (known.empty() ? "none, it runs the built-in mapping" : known) + ")");
}

mapping::LoadResult checkMappingText(const ApiCall& call, const EngineMappings::File& file,
                                     const std::string& content) {
    mapping::CompileOptions options;
    mapping::DatabaseColumns columns;
    if (call.services.mappings.columns) {
        columns = call.services.mappings.columns();
        options.database = &columns;
    }
    return mapping::loadMappingText(content, file.path.string(), options);
}

std::string diagnosticsJson(const mapping::Diagnostics& diagnostics) {
    std::vector<std::string> items;
    for (const auto& d : diagnostics.items()) {
        items.push_back(JsonFields()
                            .number("line", d.at.line)
                            .number("column", d.at.column)
                            .text("message", d.message)
                            .text("text", d.format())
                            .done());
    }
    return jsonArray(items);
}

WebResponse invalidMappingResponse(const mapping::Diagnostics& diagnostics) {
    const auto& first = diagnostics.items().front();
    std::string error = JsonFields()
                            .text("code", "invalid_mapping")
                            .text("message", first.format() +
                                                 (diagnostics.items().size() > 1
                                                      ? " (and " +
                                                            std::to_string(
                                                                diagnostics.items().size() - 1) +
                                                            " more)"
                                                      : ""))
                            .text("field", "content")
                            .done();
    return jsonResponse(
        JsonFields().raw("error", error).raw("diagnostics", diagnosticsJson(diagnostics)).done(),
        422);
}

void journalMappingAction(ApiCall& call, const std::string& op, const EngineMappings::File& file,
                          const std::string& after) {
    journalPersonAction(call.store.crm(), {call.who->name, op, "", file.name, 0, after,
                                           "web " + call.request.client_ip + " " +
                                               file.path.string()});
}

}  // namespace crmsync::app::web
