#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include <boost/test/unit_test.hpp>

#include "util/atomic_file.h"

using namespace crmsync::util;
namespace fs = std::filesystem;

namespace {

// A folder of its own (util's tests link nothing but util, so not tests/support's TempDir).
struct Folder {
    Folder() {
        std::random_device random;
        path = fs::temp_directory_path() / ("crmsync-atomic-" + std::to_string(random()));
        fs::create_directories(path);
    }
    ~Folder() { fs::remove_all(path); }
    fs::path path;
};

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(atomic_file)

BOOST_AUTO_TEST_CASE(replaces_the_file_and_leaves_nothing_beside_it) {
    Folder folder;
    fs::path file = folder.path / "mapping.xml";
    writeFileAtomically(file, "first");
    BOOST_TEST(contents(file) == "first");
    writeFileAtomically(file, std::string("вторая\0версия", 25));
    BOOST_TEST(contents(file) == std::string("вторая\0версия", 25));
    BOOST_TEST(std::distance(fs::directory_iterator(folder.path), fs::directory_iterator()) == 1);
    // Readable by whoever runs the daemon, as a file an admin wrote by hand would be.
    auto perms = fs::status(file).permissions();
    BOOST_TEST(((perms & fs::perms::owner_read) != fs::perms::none));
    BOOST_TEST(((perms & fs::perms::others_read) != fs::perms::none));
}

BOOST_AUTO_TEST_CASE(a_folder_that_is_not_there_is_an_error_naming_it) {
    Folder folder;
    fs::path file = folder.path / "missing" / "mapping.xml";
    BOOST_CHECK_EXCEPTION(writeFileAtomically(file, "x"), std::system_error,
                          [&](const std::system_error& e) {
                              return std::string(e.what()).find((folder.path / "missing").string()) !=
                                     std::string::npos;
                          });
    BOOST_TEST(!fs::exists(file));
}

BOOST_AUTO_TEST_SUITE_END()
