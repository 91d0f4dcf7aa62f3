#pragma once
// 64-bit FNV-1a: the hash behind record content hashes, binding hashes and mapping versions.
// Those values are stored in CRM databases, so the function and its hex form must never
// change: a different value would make every stored binding look changed.
#include <cstdint>
#include <string>
#include <string_view>

namespace crmsync::util {

constexpr std::uint64_t kFnv1aOffsetBasis = 14695981039346656037ULL;
constexpr std::uint64_t kFnv1aPrime = 1099511628211ULL;

// Continues `hash` over `bytes`; from kFnv1aOffsetBasis it is the FNV-1a of `bytes`, so
// fnv1a(b, fnv1a(a)) == fnv1a(a + b). Inline: it runs over every record an import reads.
constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = kFnv1aOffsetBasis) {
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= kFnv1aPrime;
    }
    return hash;
}

// 16 lower-case hex digits, leading zeros kept: 0xaf63 -> "000000000000af63".
std::string hex16(std::uint64_t value);

}  // namespace crmsync::util
