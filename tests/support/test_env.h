#pragma once
// What every test suite needs from its surroundings: fixture paths, a scratch directory, and
// the PostgreSQL server the test script started (if any).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace crmsync::test {

// This repository's own fixtures (tests/fixtures).
std::filesystem::path projectFixtures();
// One of this repository's own CommerceML files: tests/fixtures/commerceml/NAME.
std::filesystem::path own(const std::string& name);
// This repository's config folder (sample mappings, the XSD, crmsync.ini).
std::filesystem::path projectConfig();

// ../shared/fixtures/real beside the repository, or $CRMSYNC_SHARED_DIR/fixtures/real;
// nullopt in a user's clone, where tests that need it skip.
std::optional<std::filesystem::path> sharedRealFixtures();

// The real fixtures as import sets: each folder that directly holds xml files, and each
// subfolder of an owner folder (3.x packages keep their parts in subfolders and are imported
// as one). Sorted; empty without ../shared.
std::vector<std::filesystem::path> realFixtureSets();

// $CRMSYNC_TEST_PG_URL: a PostgreSQL server on loopback started by scripts/with-postgres.sh.
std::optional<std::string> postgresUrl();

// Boost.Test preconditions, so a missing prerequisite shows as "skipped", never as "passed".
boost::test_tools::assertion_result sharedFixturesPresent(boost::unit_test::test_unit_id);
boost::test_tools::assertion_result postgresPresent(boost::unit_test::test_unit_id);

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A fresh, empty PostgreSQL database on the test server (dropped at destruction), for suites
// that must not see each other's rows. Requires postgresUrl().
class TempPostgresDatabase {
public:
    TempPostgresDatabase();
    ~TempPostgresDatabase();
    const std::string& url() const { return url_; }

private:
    std::string name_;
    std::string url_;
};

std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& content);

}  // namespace crmsync::test
