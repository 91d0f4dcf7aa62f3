// Every real CommerceML file of ../shared/fixtures/real goes through the whole chain (reader,
// mapping, engine, store). Needs ../shared: skipped in a user's clone.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "adapters/onec/commerceml/commerceml_reader.h"
#include "tests/e2e/import_helpers.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

// Distinct keys per entity as the reader hands them over, for the whole set of files.
class KeyCollector : public core::RecordSink {
public:
    std::map<std::string, std::set<std::string>> keys;
    void beginPackage(const core::PackageInfo&) override {}
    void endPackage(const core::PackageInfo&) override {}
    void record(core::Record&& record) override { keys[record.entity].insert(record.key); }
};

void checkSetImportsCompletely(Backend backend, const fs::path& set) {
    BOOST_TEST_CONTEXT("fixture set " << set.string()) {
        TestDatabase db(backend);
        auto report = importPaths(db, {set});
        BOOST_REQUIRE_MESSAGE(report.ok, report.sources.back().error);

        app::ImportInputs inputs({set});
        KeyCollector collector;
        for (const auto& source : inputs.sources()) {
            source->read(collector);
        }
        long long quarantined_keys = db.count("SELECT COUNT(DISTINCT entity || '/' || onec_key) FROM quarantine");
        long long expected_bindings = 0;
        for (const auto& [entity, keys] : collector.keys) {
            expected_bindings += static_cast<long long>(keys.size());
        }
        // Every distinct key read is either bound to a CRM row or in quarantine with a reason.
        BOOST_TEST(db.tableRows("binding") + quarantined_keys == expected_bindings);
        for (const auto& [entity, keys] : collector.keys) {
            long long bound = db.count("SELECT COUNT(*) FROM binding WHERE entity = '" + entity + "'");
            BOOST_TEST(bound <= static_cast<long long>(keys.size()), entity);
        }
        // Nothing is half-bound: every binding points at an existing CRM row.
        for (const auto& spec : core::entityCatalog()) {
            BOOST_TEST(db.count("SELECT COUNT(*) FROM binding b WHERE b.entity = '" + spec.name +
                                "' AND NOT EXISTS (SELECT 1 FROM " + spec.table +
                                " t WHERE t.id = b.crm_id)") == 0);
        }
        // A second import of the same files changes nothing (refused records are refused
        // again, so only the quarantine may grow).
        long long rows = db.totalRows() - db.tableRows("quarantine");
        long long journal = db.tableRows("journal");
        auto again = importPaths(db, {set});
        BOOST_REQUIRE(again.ok);
        BOOST_TEST(again.totals.inserted + again.totals.updated + again.totals.deactivated == 0);
        BOOST_TEST(db.tableRows("journal") == journal);
        BOOST_TEST(db.totalRows() - db.tableRows("quarantine") == rows);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(real_fixtures, *boost::unit_test::precondition(sharedFixturesPresent))

BOOST_AUTO_TEST_CASE(every_real_fixture_set_imports_into_sqlite) {
    auto sets = realFixtureSets();
    BOOST_TEST(sets.size() >= 8u);
    for (const auto& set : sets) {
        checkSetImportsCompletely(Backend::Sqlite, set);
    }
}

BOOST_AUTO_TEST_CASE(every_real_fixture_set_imports_into_postgresql,
                     *boost::unit_test::label("postgres") *
                         boost::unit_test::precondition(postgresPresent)) {
    for (const auto& set : realFixtureSets()) {
        checkSetImportsCompletely(Backend::Postgres, set);
    }
}

BOOST_AUTO_TEST_SUITE_END()
