#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "crmcore/error.h"
#include "sync/spool_file.h"
#include "tests/support/test_env.h"

namespace crmsync::sync {

BOOST_AUTO_TEST_SUITE(spool_file)

BOOST_AUTO_TEST_CASE(frames_come_back_whole_and_in_order_after_rewind) {
    test::TempDir dir;
    SpoolFile file(dir.path());
    file.append({"ab", "", "c"});
    file.append({});
    file.append({std::string(70000, 'x')});
    BOOST_TEST(file.frames() == 3u);
    file.rewind();
    std::string frame;
    BOOST_TEST(file.next(frame));
    BOOST_TEST(frame == "abc");
    BOOST_TEST(file.next(frame));
    BOOST_TEST(frame.empty());
    BOOST_TEST(file.next(frame));
    BOOST_TEST(frame == std::string(70000, 'x'));
    BOOST_TEST(!file.next(frame));
    BOOST_CHECK_THROW(file.append({"late"}), Error);
    BOOST_TEST(std::filesystem::is_empty(dir.path()));  // unlinked as soon as created
}

BOOST_AUTO_TEST_CASE(a_tail_reads_what_was_published_while_the_writer_goes_on) {
    test::TempDir dir;
    SpoolFile file(dir.path());
    SpoolTail tail(file);
    std::string frame;
    BOOST_TEST(!tail.next(file.publish(), frame));  // nothing yet

    file.append({"first"});
    file.append({"second"});
    std::uint64_t published = file.publish();
    file.append({"not yet published"});  // buffered: beyond what the tail may read
    BOOST_TEST(tail.next(published, frame));
    BOOST_TEST(frame == "first");
    BOOST_TEST(tail.next(published, frame));
    BOOST_TEST(frame == "second");
    BOOST_TEST(!tail.next(published, frame));
    BOOST_TEST(tail.consumed() == published);

    // Frames larger than the tail's read size, and many small ones, across several reads.
    std::vector<std::string> written = {"not yet published", std::string(3 << 20, 'L')};
    file.append({written.back()});
    for (int i = 0; i < 20000; ++i) {
        written.push_back("frame " + std::to_string(i));
        file.append({written.back()});
    }
    published = file.publish();
    std::vector<std::string> read;
    while (tail.next(published, frame)) {
        read.push_back(frame);
    }
    BOOST_TEST(read == written);
    BOOST_TEST(tail.consumed() == published);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crmsync::sync
