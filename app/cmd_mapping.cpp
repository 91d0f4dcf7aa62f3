// `crmsync mapping check FILE [--db URL]`: every problem of a mapping file, XSD and semantic, as
// "file:line:column: message" on stderr; exit 0 when clean, 1 otherwise.
// `crmsync mapping preview --mapping FILE --db URL --input FILE [--limit N] [--json]`: what an
// import of the first N records would do to the database now; writes nothing.
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/database_columns.h"
#include "app/import_inputs.h"
#include "app/store_factory.h"
#include "mapping/mapping_file.h"
#include "sync/preview.h"
#include "sync/preview_json.h"

namespace crmsync::app {

namespace {

int runCheck(const Words& words) {
    CliArgs args(words, {"db"}, {});
    if (args.positional().size() != 1) {
        throw UsageError("mapping check needs exactly one FILE");
    }
    const std::string& file = args.positional().front();
    mapping::DatabaseColumns columns;
    mapping::CompileOptions options;
    if (auto url = args.option("db")) {
        requireExistingDatabase(*url);  // reading the columns of a new SQLite file would create it
        columns = readDatabaseColumns(*url);
        options.database = &columns;
    }
    auto result = mapping::loadMappingFile(file, options);
    if (!result.mapping) {
        std::cerr << result.diagnostics.text();
        return 1;
    }
    std::cout << file << ": ok (" << result.mapping->entities.size() << " entities, version "
              << result.mapping->version << ")\n";
    return 0;
}

constexpr std::size_t kDefaultPreviewLimit = 20;

std::string lineage(const core::Record& record) {
    return record.origin.file + ":" + std::to_string(record.origin.line);
}

std::string textOrNull(const std::optional<std::string>& text) { return text ? *text : "NULL"; }

void printText(const sync::PreviewedRecord& preview, std::size_t number) {
    const core::Record& record = preview.record;
    std::cout << "#" << number << " " << record.entity << " " << record.key << " ("
              << lineage(record) << ")\n  source:\n";
    for (const auto& field : record.fields) {
        std::cout << "    " << field.name << ": " << field.value.toText() << "\n";
    }
    if (preview.action == sync::PreviewAction::Refused) {
        std::cout << "  result: refused: " << preview.refusal << "\n\n";
        return;
    }
    std::cout << "  mapped:\n";
    for (const auto& cv : preview.mapped) {
        std::cout << "    " << cv.column << ": " << textOrNull(cv.text) << "\n";
    }
    std::cout << "  result: " << sync::previewActionName(preview.action);
    if (preview.crm_id != 0) {
        std::cout << " (" << record.entity << " id " << preview.crm_id << ")";
    }
    std::cout << "\n";
    for (const auto& change : preview.changes) {
        std::cout << "    " << change.describe() << "\n";
    }
    std::cout << "\n";
}

int runPreview(const Words& words) {
    CliArgs args(words, {"mapping", "db", "input", "limit"}, {"json"});
    if (!args.positional().empty()) {
        throw UsageError("mapping preview takes no positional arguments (use --input FILE)");
    }
    std::size_t limit = kDefaultPreviewLimit;
    if (auto text = args.option("limit")) {
        std::size_t used = 0;
        long long value = 0;
        try {
            value = std::stoll(*text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text->size() || value < 1) {
            throw UsageError("--limit must be a whole number of at least 1");
        }
        limit = static_cast<std::size_t>(value);
    }
    // A preview must not create a SQLite file nor upgrade the schema.
    auto store = openExistingStore(args.required("db"));
    // Loaded as `crmsync import --mapping` loads it, so the preview shows what that import does.
    std::optional<mapping::Mapping> from_file;
    if (auto file = args.option("mapping")) {
        mapping::DatabaseColumns columns = readDatabaseColumns(args.required("db"));
        from_file = mapping::requireMappingFile(*file, {&columns});
    }
    const mapping::Mapping& rules = from_file ? *from_file : mapping::builtinCommerceMlMapping();
    ImportInputs inputs({args.required("input")});
    auto previews =
        sync::previewRecords(*store, rules, sync::readFirstRecords(inputs.sources(), limit));

    bool json = args.flag("json");
    std::ios::sync_with_stdio(false);
    for (std::size_t i = 0; i < previews.size(); ++i) {
        if (json) {
            // One object per line (sync/preview_json.h), as the API's preview items.
            std::cout << sync::previewedRecordJson(previews[i]) << "\n";
        } else {
            printText(previews[i], i + 1);
        }
    }
    if (!json) {
        std::cout << previews.size() << " record(s) previewed with mapping " << rules.version
                  << "; nothing was written\n";
    }
    return 0;
}

}  // namespace

int runMapping(const Words& words) {
    if (words.empty()) {
        throw UsageError("mapping needs a sub-command: check or preview");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "check") {
        return runCheck(rest);
    }
    if (words.front() == "preview") {
        return runPreview(rest);
    }
    throw UsageError("unknown mapping sub-command '" + words.front() +
                     "' (valid: check, preview)");
}

}  // namespace crmsync::app
