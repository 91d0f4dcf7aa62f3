// The drop-folder job: complete files are imported and moved to done/, unreadable ones to
// failed/ with the reason beside them; nothing is deleted.
#include <boost/test/unit_test.hpp>

#include "adapters/onec/commerceml/drop_folder.h"
#include "app/drop_folder_job.h"
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

BOOST_AUTO_TEST_SUITE_END()
