#include "adapters/crmdb/soci_mapping_versions.h"

#include "adapters/crmdb/prepared_statement.h"

namespace crmsync::crmdb {

namespace {

constexpr const char* kColumns =
    "name, number, path, content, content_hash, saved_at, saved_by, comment";

core::MappingVersion readVersion(const PreparedStatement& st) {
    return {st.text(0), st.integer(1), st.text(2), st.text(3),
            st.text(4), st.text(5),    st.text(6), st.text(7)};
}

}  // namespace

core::MappingVersion SociMappingVersions::add(const core::MappingVersion& version) {
    connection_.ensureConnected();
    connection_.guard(
        [&] {
            // One statement takes the next number, so no transaction is needed around it;
            // two saves at the same moment collide on UNIQUE (name, number) instead.
            auto& st = connection_.statement(
                "INSERT INTO mapping_version (name, number, path, content, content_hash, "
                "saved_by, comment) SELECT :p0, COALESCE(MAX(number), 0) + 1, :p1, :p2, :p3, "
                ":p4, :p5 FROM mapping_version WHERE name = :p6",
                "ttttttt", 0);
            st.setText(0, version.name);
            st.setText(1, version.path);
            st.setText(2, version.content);
            st.setText(3, version.content_hash);
            st.setText(4, version.saved_by);
            st.setText(5, version.comment);
            st.setText(6, version.name);
            st.execute();
        },
        [&] { return "save a version of mapping '" + version.name + "'"; });
    return *latest(version.name);
}

std::vector<core::MappingVersion> SociMappingVersions::list(const std::string& name) {
    connection_.ensureConnected();
    return connection_.guard(
        [&] {
            std::vector<core::MappingVersion> versions;
            auto& st = connection_.statement(
                "SELECT name, number, path, '', content_hash, saved_at, saved_by, comment "
                "FROM mapping_version WHERE name = :p0 ORDER BY number DESC",
                "t", 8);
            st.setText(0, name);
            for (bool more = st.execute(); more; more = st.fetch()) {
                versions.push_back(readVersion(st));
            }
            return versions;
        },
        [&] { return "list the versions of mapping '" + name + "'"; });
}

std::optional<core::MappingVersion> SociMappingVersions::find(const std::string& name,
                                                              std::int64_t number) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::MappingVersion> {
            auto& st = connection_.statement(std::string("SELECT ") + kColumns +
                                                 " FROM mapping_version WHERE name = :p0 AND "
                                                 "number = :p1",
                                             "ti", 8);
            st.setText(0, name);
            st.setInteger(1, number);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return readVersion(st);
        },
        [&] {
            return "read version " + std::to_string(number) + " of mapping '" + name + "'";
        });
}

std::optional<core::MappingVersion> SociMappingVersions::latest(const std::string& name) {
    connection_.ensureConnected();
    return connection_.guard(
        [&]() -> std::optional<core::MappingVersion> {
            auto& st = connection_.statement(std::string("SELECT ") + kColumns +
                                                 " FROM mapping_version WHERE name = :p0 "
                                                 "ORDER BY number DESC LIMIT 1",
                                             "t", 8);
            st.setText(0, name);
            if (!st.executeOnce()) {
                return std::nullopt;
            }
            return readVersion(st);
        },
        [&] { return "read the newest version of mapping '" + name + "'"; });
}

}  // namespace crmsync::crmdb
