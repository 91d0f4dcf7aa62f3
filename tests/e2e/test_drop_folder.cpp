// The drop-folder job: complete files are imported and moved to done/, unreadable ones to
// failed/ with the reason beside them; nothing is deleted.
#include <boost/test/unit_test.hpp>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/drop_folder_job.h"
#include "tests/support/synthetic_catalog.h"
#include "tests/support/test_database.h"

using namespace crmsync;
using namespace crmsync::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> filesIn(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(drop_folder)

BOOST_AUTO_TEST_CASE(takes_complete_files_and_moves_them_to_done_or_failed) {
    TempDir tmp;
    TestDatabase db(Backend::Sqlite);
    commerceml::DropFolder folder(tmp / "drop");
    app::DropFolderJob job(folder, db.store(), mapping::builtinCommerceMlMapping(), {});

    fs::copy_file(own("offers.xml"), tmp / "drop" / "offers.xml");
    fs::copy_file(own("import.xml"), tmp / "drop" / "import.xml");
    fs::copy_file(own("truncated.xml"), tmp / "drop" / "orders.xml");
    writeFile(tmp / "drop" / ".hidden.xml", "<x/>");

    // First scan only notes sizes: a file still being copied must not be read.
    BOOST_TEST(job.tick() == 0);
    BOOST_TEST(db.tableRows("product") == 0);
    BOOST_TEST(job.tick() == 3);

    auto done = filesIn(tmp / "drop" / "done");
    BOOST_REQUIRE(done.size() == 2u);
    BOOST_TEST(done[0].filename().string().find("-import.xml") != std::string::npos);
    BOOST_TEST(db.tableRows("product") > 0);
    BOOST_TEST(db.tableRows("price") > 0);  // import went before offers

    auto failed = filesIn(tmp / "drop" / "failed");
    BOOST_REQUIRE(failed.size() == 2u);  // the file and its reason
    std::string reason = readFile(failed[1]);
    BOOST_TEST(failed[1].extension() == ".txt");
    BOOST_TEST(reason.find("orders.xml:") != std::string::npos, reason);
    BOOST_TEST(fs::exists(tmp / "drop" / ".hidden.xml"));
}

// A daemon asked to stop ends the file being imported after its current batch; the file is not
// refused for that: it waits in the folder, and the next start imports the rest.
BOOST_AUTO_TEST_CASE(a_shutdown_stops_the_file_after_its_batch_and_leaves_it_for_the_next_start) {
    TempDir tmp;
    TestDatabase db(Backend::Sqlite);
    commerceml::DropFolder folder(tmp / "drop");
    writeSyntheticCatalog(tmp / "drop" / "import.xml", 500);
    writeFile(tmp / "drop" / "offers.xml", readFile(own("offers.xml")));
    sync::ImportOptions options;
    options.batch_size = 100;
    int batches = 0;
    options.should_stop = [&batches] { return ++batches > 2; };  // SIGTERM during batch 2
    app::DropFolderJob stopping(folder, db.store(), mapping::builtinCommerceMlMapping(), options);
    BOOST_TEST(stopping.tick() == 0);  // notes the sizes
    stopping.tick();

    BOOST_TEST(fs::exists(tmp / "drop" / "import.xml"));
    BOOST_TEST(fs::exists(tmp / "drop" / "offers.xml"));  // not taken after the stop
    BOOST_TEST(filesIn(tmp / "drop" / "failed").empty());
    long long committed = db.tableRows("product");
    BOOST_TEST(committed > 0);
    BOOST_TEST(committed < 500);
    BOOST_TEST(*db.text("SELECT status FROM sync_run ORDER BY id DESC LIMIT 1") == "failed");

    app::DropFolderJob next_start(folder, db.store(), mapping::builtinCommerceMlMapping(), {});
    BOOST_TEST(next_start.tick() == 2);
    // Every product of the catalog, whatever variants offers.xml adds.
    BOOST_TEST(db.count("SELECT COUNT(*) FROM binding WHERE entity = 'product' AND "
                        "onec_key NOT LIKE '%#%'") == 500);
    BOOST_TEST(filesIn(tmp / "drop" / "done").size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
