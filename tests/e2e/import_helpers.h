#pragma once
// Runs a real import (reader, engine, store) the way `crmsync import` does.
#include <filesystem>
#include <vector>

#include "app/import_inputs.h"
#include "mapping/entity_mapping.h"
#include "sync/importer.h"
#include "tests/support/test_database.h"

namespace crmsync::test {

inline sync::ImportReport importPaths(TestDatabase& db,
                                      const std::vector<std::filesystem::path>& paths) {
    app::ImportInputs inputs(paths);
    sync::Importer importer(db.store(), mapping::builtinCommerceMlMapping());
    return importer.run("test", inputs.sources());
}

// Rows of a table as text lines ("col|col|..."), ordered, without CRM ids: two databases filled
// from the same data in another order or encoding compare equal.
inline std::string dumpTable(TestDatabase& db, const std::string& select) {
    return db.text("SELECT " + select)->c_str();
}

}  // namespace crmsync::test
