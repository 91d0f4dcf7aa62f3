#include <cstdint>

#include <boost/test/unit_test.hpp>

#include "sync/change_filter.h"
#include "sync/key_hash_set.h"

namespace crmsync::sync {

BOOST_AUTO_TEST_SUITE(key_hash_set)

BOOST_AUTO_TEST_CASE(insert_reports_only_the_first_time_and_contains_what_was_inserted) {
    KeyHashSet set;
    BOOST_TEST(!set.contains(keyHash("a")));
    BOOST_TEST(set.insert(keyHash("a")));
    BOOST_TEST(!set.insert(keyHash("a")));
    BOOST_TEST(set.contains(keyHash("a")));
    BOOST_TEST(!set.contains(keyHash("b")));
    BOOST_TEST(set.size() == 1u);
}

BOOST_AUTO_TEST_CASE(keeps_every_key_across_growth) {
    KeyHashSet set;
    for (std::uint64_t i = 0; i < 100000; ++i) {
        BOOST_REQUIRE(set.insert(i * 0x100000001ULL));
    }
    BOOST_TEST(set.size() == 100000u);
    for (std::uint64_t i = 0; i < 100000; ++i) {
        BOOST_REQUIRE(set.contains(i * 0x100000001ULL));
    }
    BOOST_TEST(!set.contains(100000 * 0x100000001ULL));
}

BOOST_AUTO_TEST_CASE(a_zero_hash_is_a_key_like_any_other) {
    KeyHashSet set;
    BOOST_TEST(!set.contains(0));
    BOOST_TEST(set.insert(0));
    BOOST_TEST(set.contains(0));
    BOOST_TEST(!set.insert(0));
}

// Binding hashes are stored with every binding: a different value would make every record of
// every CRM database look changed at the next import.
BOOST_AUTO_TEST_CASE(binding_and_key_hashes_keep_their_stored_values) {
    BOOST_TEST(keyHash("") == 0xcbf29ce484222325ULL);
    BOOST_TEST(keyHash("a") == 0xaf63dc4c8601ec8cULL);
    BOOST_TEST(bindingHash("cbf29ce484222325", "commerceml-ut11.xml:8494b719b6df8f97") ==
               "bd15a6f01c601976");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crmsync::sync
