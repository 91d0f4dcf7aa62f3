#include "tests/support/test_env.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <libpq-fe.h>
#include <unistd.h>

namespace crmsync::test {

namespace fs = std::filesystem;

fs::path projectFixtures() { return fs::path(CRMSYNC_SOURCE_DIR) / "tests" / "fixtures"; }

fs::path own(const std::string& name) { return projectFixtures() / "commerceml" / name; }

fs::path projectConfig() { return fs::path(CRMSYNC_SOURCE_DIR) / "config"; }

std::optional<fs::path> sharedRealFixtures() {
    fs::path shared;
    if (const char* env = std::getenv("CRMSYNC_SHARED_DIR"); env != nullptr && *env != '\0') {
        shared = env;
    } else {
        shared = fs::path(CRMSYNC_SOURCE_DIR).parent_path() / "shared";
    }
    fs::path real = shared / "fixtures" / "real";
    if (fs::is_directory(real)) {
        return real;
    }
    return std::nullopt;
}

std::optional<std::string> postgresUrl() {
    const char* env = std::getenv("CRMSYNC_TEST_PG_URL");
    if (env == nullptr || *env == '\0') {
        return std::nullopt;
    }
    return std::string(env);
}

boost::test_tools::assertion_result sharedFixturesPresent(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result(sharedRealFixtures().has_value());
    result.message() << "../shared/fixtures/real is absent (a user's clone): skipped";
    return result;
}

boost::test_tools::assertion_result postgresPresent(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result(postgresUrl().has_value());
    result.message() << "CRMSYNC_TEST_PG_URL is not set (run through scripts/with-postgres.sh)";
    return result;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("crmsync-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd() % 100000));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

namespace {

void execAdmin(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to test PostgreSQL: " + message);
    }
    PGresult* res = PQexec(conn, sql.c_str());
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    std::string message = PQerrorMessage(conn);
    PQclear(res);
    PQfinish(conn);
    if (!ok) {
        throw std::runtime_error("test PostgreSQL: " + sql + ": " + message);
    }
}

std::string withDatabase(const std::string& url, const std::string& db) {
    // URL form postgresql://user@host:port/dbname[?params]
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    auto query = url.find('?');
    std::string base = slash == std::string::npos ? url : url.substr(0, slash);
    std::string params = query == std::string::npos ? "" : url.substr(query);
    return base + "/" + db + params;
}

}  // namespace

TempPostgresDatabase::TempPostgresDatabase() {
    static std::atomic<int> counter{0};
    name_ = "crmsync_t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    std::string admin = *postgresUrl();
    execAdmin(admin, "CREATE DATABASE " + name_);
    url_ = withDatabase(admin, name_);
}

TempPostgresDatabase::~TempPostgresDatabase() {
    try {
        execAdmin(*postgresUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE("could not drop test database " << name_ << ": " << e.what());
    }
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::vector<std::filesystem::path> realFixtureSets() {
    std::vector<std::filesystem::path> sets;
    auto root = sharedRealFixtures();
    if (!root) {
        return sets;
    }
    for (const auto& owner : std::filesystem::directory_iterator(*root)) {
        if (!owner.is_directory()) {
            continue;
        }
        bool has_xml = false;
        for (const auto& entry : std::filesystem::directory_iterator(owner.path())) {
            has_xml = has_xml || entry.path().extension() == ".xml";
        }
        if (has_xml) {
            sets.push_back(owner.path());
        }
        for (const auto& entry : std::filesystem::directory_iterator(owner.path())) {
            if (entry.is_directory()) {
                sets.push_back(entry.path());
            }
        }
    }
    std::sort(sets.begin(), sets.end());
    return sets;
}

}  // namespace crmsync::test
