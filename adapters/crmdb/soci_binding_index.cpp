#include "adapters/crmdb/soci_binding_index.h"

#include <algorithm>
#include <optional>

#include "adapters/crmdb/pg_write_buffer.h"

namespace crmsync::crmdb {

std::vector<std::pair<std::string, std::string>> SociBindingIndex::hashes(
    const std::string& entity, const std::vector<std::string>& keys) {
    return lookup(FixedStatement::BindingHashes, "hashes", entity, keys);
}

std::vector<std::pair<std::string, std::string>> SociBindingIndex::versions(
    const std::string& entity, const std::vector<std::string>& keys) {
    return lookup(FixedStatement::BindingVersions, "versions", entity, keys);
}

std::string SociBindingIndex::latestVersion(const std::string& entity) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st = connection_.statement(
                "SELECT COALESCE(MAX(onec_version), '') FROM binding WHERE entity = :p0", "t",
                1);
            st.setText(0, entity);
            return st.executeOnce() ? st.text(0) : std::string();
        },
        [&] { return "find the latest binding version of " + entity; });
}

bool SociBindingIndex::any(const std::string& entity) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            auto& st =
                connection_.statement("SELECT 1 FROM binding WHERE entity = :p0 LIMIT 1", "t", 1);
            st.setText(0, entity);
            return st.executeOnce();
        },
        [&] { return "find whether " + entity + " has bindings"; });
}

std::vector<std::pair<std::string, std::string>> SociBindingIndex::lookup(
    FixedStatement which, const char* what, const std::string& entity,
    const std::vector<std::string>& keys) {
    std::vector<std::pair<std::string, std::string>> found;
    if (keys.empty()) {
        return found;
    }
    connection_.ensureConnected();
    if (connection_.dialect() == core::SqlDialect::PostgreSql) {
        // One statement for the whole call, the keys as one array: 500 parameters of an IN
        // list cost PostgreSQL a plan of their own each time (30 ms per 500 keys measured).
        connection_.guard(
            [&] {
                const char* column = which == FixedStatement::BindingHashes ? "content_hash"
                                                                            : "onec_version";
                auto& st = connection_.statement(
                    std::string("SELECT onec_key, ") + column +
                        " FROM binding WHERE entity = :p0 AND onec_key = ANY(CAST(:p1 AS "
                        "text[]))",
                    "tt", 2);
                std::vector<std::optional<std::string>> list(keys.begin(), keys.end());
                st.setText(0, entity);
                st.setText(1, pgArrayLiteral(list));
                for (bool row = st.execute(); row; row = st.fetch()) {
                    found.emplace_back(st.text(0), st.text(1));
                }
            },
            [&] { return std::string("look up binding ") + what + " of " + entity; });
        return found;
    }
    connection_.guard(
        [&] {
            auto& st = connection_.fixed(which);
            st.setText(0, entity);
            for (std::size_t start = 0; start < keys.size(); start += kHashLookupChunk) {
                std::size_t n = std::min(kHashLookupChunk, keys.size() - start);
                for (std::size_t i = 0; i < kHashLookupChunk; ++i) {
                    // Padding repeats the chunk's first key: IN ignores the duplicates.
                    st.setText(i + 1, std::string_view(keys[start + (i < n ? i : 0)]));
                }
                for (bool row = st.execute(); row; row = st.fetch()) {
                    found.emplace_back(st.text(0), st.text(1));
                }
            }
        },
        [&] { return std::string("look up binding ") + what + " of " + entity; });
    return found;
}

}  // namespace crmsync::crmdb
