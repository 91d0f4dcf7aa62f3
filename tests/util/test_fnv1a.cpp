// FNV-1a values are stored in CRM databases (binding hashes, mapping versions in the journal):
// these pins fail when the hash or its hex form changes.
#define BOOST_TEST_MODULE util
#include <boost/test/unit_test.hpp>

#include "util/fnv1a.h"

using namespace crmsync::util;

BOOST_AUTO_TEST_SUITE(fnv1a_hash)

BOOST_AUTO_TEST_CASE(gives_the_published_64_bit_fnv1a_values) {
    BOOST_TEST(fnv1a("") == 0xcbf29ce484222325ULL);
    BOOST_TEST(fnv1a("a") == 0xaf63dc4c8601ec8cULL);
    BOOST_TEST(fnv1a("foobar") == 0x85944171f73967e8ULL);
}

BOOST_AUTO_TEST_CASE(continuing_a_hash_equals_hashing_the_concatenation) {
    BOOST_TEST(fnv1a("bar", fnv1a("foo")) == fnv1a("foobar"));
    BOOST_TEST(fnv1a("", fnv1a("a")) == fnv1a("a"));
}

BOOST_AUTO_TEST_CASE(takes_bytes_above_0x7f_as_unsigned) {
    // "Ид" in UTF-8; a sign-extended char would give another value.
    std::uint64_t by_hand = kFnv1aOffsetBasis;
    for (unsigned char c : {0xD0, 0x98, 0xD0, 0xB4}) {
        by_hand = (by_hand ^ c) * kFnv1aPrime;
    }
    BOOST_TEST(fnv1a("\xD0\x98\xD0\xB4") == by_hand);
}

BOOST_AUTO_TEST_CASE(hex16_keeps_leading_zeros_in_lower_case) {
    BOOST_TEST(hex16(0) == "0000000000000000");
    BOOST_TEST(hex16(0xaf63ULL) == "000000000000af63");
    BOOST_TEST(hex16(fnv1a("")) == "cbf29ce484222325");
    BOOST_TEST(hex16(~0ULL) == "ffffffffffffffff");
}

BOOST_AUTO_TEST_SUITE_END()
