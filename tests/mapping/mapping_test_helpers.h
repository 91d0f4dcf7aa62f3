#pragma once
// Small mappings written inline by the tests, and a resolver backed by a map.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mapping/forward_mapper.h"
#include "mapping/mapping_file.h"

namespace crmsync::test {

namespace core = crmsync::core;

class MapResolver : public mapping::ReferenceResolver {
public:
    struct CrmRow {
        std::string entity;
        std::int64_t id = 0;
        core::Row columns;
    };

    std::map<std::string, std::int64_t> ids;  // "entity/1C key" -> CRM id
    std::vector<CrmRow> rows;                 // what lookups search, all active
    std::vector<core::Row> lookups;           // every match asked for, in order

    std::optional<std::int64_t> crmId(const std::string& entity, const std::string& key) override {
        auto it = ids.find(entity + "/" + key);
        if (it == ids.end()) {
            return std::nullopt;
        }
        return it->second;
    }

    // The contract of CrmTransaction::findRowIds on a few rows in memory; the real query is
    // tested on SQLite and PostgreSQL in tests/sync.
    std::vector<std::int64_t> lookupIds(const core::EntitySpec& entity,
                                        const core::Row& match) override {
        lookups.push_back(match);
        std::vector<std::int64_t> found;
        for (const auto& row : rows) {
            bool equal = row.entity == entity.name;
            for (const auto& wanted : match) {
                const auto* have = core::findColumn(row.columns, wanted.column);
                std::string text = have != nullptr && have->text ? *have->text : "";
                equal = equal && text == wanted.text.value_or("");
            }
            if (equal) {
                found.push_back(row.id);
            }
        }
        return found;
    }
};

// A mapping file around `entities` (and value maps before them).
inline std::string mappingXml(const std::string& entities, const std::string& value_maps = "") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<mapping xmlns=\"urn:crmsync:mapping:1\" version=\"1\">\n" +
           value_maps + entities + "</mapping>\n";
}

// One CommerceML product entity whose only field is `field`.
inline mapping::Mapping productMapping(const std::string& field,
                                       const std::string& value_maps = "") {
    auto loaded = mapping::loadMappingText(
        mappingXml("<entity name=\"product\" table=\"product\" key=\"Ид\">"
                   "<commerceml element=\"Товар\"/>" + field + "</entity>\n",
                   value_maps),
        "test.xml");
    if (!loaded.mapping) {
        throw std::runtime_error(loaded.diagnostics.text());
    }
    return std::move(*loaded.mapping);
}

}  // namespace crmsync::test
